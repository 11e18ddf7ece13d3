import { describe, expect, it } from 'vitest';
import { CookieJar } from './cookie-jar.js';

function responseSetting(...cookies: string[]): Response {
  const headers = new Headers();
  for (const cookie of cookies) headers.append('set-cookie', cookie);
  return new Response(null, { headers });
}

describe('CookieJar', () => {
  it('sends a cookie only under its path and only to its origin', () => {
    const jar = new CookieJar();
    jar.store({
      url: new URL('http://127.0.0.1:1000/auth'),
      response: responseSetting(
        '_interaction=abc; path=/interaction/uid1; httponly',
        'sid=1; path=/',
      ),
    });
    expect(jar.headerFor(new URL('http://127.0.0.1:1000/interaction/uid1/login'))).toBe(
      '_interaction=abc; sid=1',
    );
    expect(jar.headerFor(new URL('http://127.0.0.1:1000/interaction/uid10'))).toBe('sid=1');
    expect(jar.headerFor(new URL('http://127.0.0.1:2000/interaction/uid1'))).toBeUndefined();
  });

  it('drops a cookie set again with an expiry in the past', () => {
    const jar = new CookieJar();
    const url = new URL('http://127.0.0.1:1000/');
    jar.store({ url, response: responseSetting('a=1; path=/') });
    jar.store({
      url,
      response: responseSetting('a=; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT'),
    });
    expect(jar.headerFor(url)).toBeUndefined();
  });
});
