import { cookies } from 'next/headers';

export const userCookie = 'toolgrant-demo-user';

/**
 * The end user the tools act for: this browser's demo user (see proxy.ts), or undefined.
 * Your app returns its signed-in user's id from its session here, never one the request names.
 */
export async function signedInUserId(): Promise<string | undefined> {
  return (await cookies()).get(userCookie)?.value;
}

/** The signed-in user, or an error saying how to get one. */
export async function currentUserId(): Promise<string> {
  const userId = await signedInUserId();
  if (!userId) throw new Error(`The ${userCookie} cookie is missing; reload the page.`);
  return userId;
}
