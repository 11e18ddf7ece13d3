// The engine's OAuth callback as a program asking for JSON sees it: the error envelope.

export type CallbackAnswer = { status: number; code: string; message: string };

/** Loads `url` without following redirects; with `cookie`, as the browser holding it would. */
export async function loadCallback(url: string, cookie?: string): Promise<CallbackAnswer> {
  const response = await fetch(url, {
    redirect: 'manual',
    headers: { accept: 'application/json', ...(cookie === undefined ? {} : { cookie }) },
  });
  const body = (await response.json()) as { code: string; message: string };
  return { status: response.status, code: body.code, message: body.message };
}
