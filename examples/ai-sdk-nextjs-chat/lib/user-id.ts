import { cookies } from 'next/headers';

export const userCookie = 'toolgrant-demo-user';

/** The end user the tools act for: this browser's demo user (see proxy.ts). */
export async function currentUserId(): Promise<string> {
  const userId = (await cookies()).get(userCookie)?.value;
  if (!userId) throw new Error(`The ${userCookie} cookie is missing; reload the page.`);
  return userId;
}
