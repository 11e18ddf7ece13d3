import { type NextRequest, NextResponse } from 'next/server';
import { userCookie } from './lib/user-id';

// Each browser is its own end user in the demo: on the first visit it gets a random user id in
// a cookie, and the tools act for that id. A real app uses its signed-in user's id instead.

export function proxy(request: NextRequest) {
  if (request.cookies.has(userCookie)) return NextResponse.next();
  const userId = `demo-${crypto.randomUUID()}`;
  // Visible to the route handlers of this very request, then kept by the browser.
  request.cookies.set(userCookie, userId);
  const response = NextResponse.next({ request });
  response.cookies.set(userCookie, userId, { httpOnly: true, sameSite: 'lax', path: '/' });
  return response;
}

export const config = { matcher: ['/', '/api/:path*'] };
