import { describe, expect, it } from 'vitest';
import {
  browserBindingCookie,
  createBrowserSecret,
  formTokenFor,
  hashBrowserSecret,
  isBoundBrowser,
  isValidFormToken,
  readBrowserSecret,
  serializeBrowserBindingCookie,
} from './browser-binding.js';

describe('browserBindingCookie', () => {
  it('is scoped to the OAuth pages under the public URL, Secure with a __Secure- name on https', () => {
    expect(browserBindingCookie('http://127.0.0.1:9099')).toEqual({
      name: 'toolgrant_browser',
      path: '/v1/oauth',
      secure: false,
    });
    expect(browserBindingCookie('https://tools.example.com/toolgrant/')).toEqual({
      name: '__Secure-toolgrant_browser',
      path: '/toolgrant/v1/oauth',
      secure: true,
    });
    expect(
      serializeBrowserBindingCookie(browserBindingCookie('https://tools.example.com'), 'S'),
    ).toBe(
      '__Secure-toolgrant_browser=S; Path=/v1/oauth; Max-Age=3600; HttpOnly; SameSite=Lax; Secure',
    );
  });
});

describe('readBrowserSecret', () => {
  const cookie = browserBindingCookie('http://127.0.0.1:9099');
  const secret = createBrowserSecret();

  it('finds the secret among other cookies, and only a well-formed one', () => {
    expect(secret).toMatch(/^[\w-]{43}$/);
    expect(readBrowserSecret(`a=1; toolgrant_browser=${secret}; b=2`, cookie)).toBe(secret);
    expect(readBrowserSecret(undefined, cookie)).toBeUndefined();
    expect(readBrowserSecret('toolgrant_browser=short', cookie)).toBeUndefined();
    expect(readBrowserSecret(`other_browser=${secret}`, cookie)).toBeUndefined();
    expect(readBrowserSecret(`toolgrant_browser=${secret};x`, cookie)).toBe(secret);
  });
});

describe('isBoundBrowser and the form token', () => {
  const secret = createBrowserSecret();
  const flow = { browserBindingHash: hashBrowserSecret(secret) };

  it('matches only the secret the flow was bound with', () => {
    expect(isBoundBrowser(flow, secret)).toBe(true);
    expect(isBoundBrowser(flow, createBrowserSecret())).toBe(false);
    expect(isBoundBrowser(flow, undefined)).toBe(false);
    expect(isBoundBrowser({ browserBindingHash: undefined }, secret)).toBe(false);
  });

  it('accepts the token of this browser and flow only', () => {
    const formToken = formTokenFor({ secret, flowId: 'flow-1' });
    expect(isValidFormToken({ secret, flowId: 'flow-1', formToken })).toBe(true);
    expect(isValidFormToken({ secret, flowId: 'flow-2', formToken })).toBe(false);
    expect(isValidFormToken({ secret: createBrowserSecret(), flowId: 'flow-1', formToken })).toBe(
      false,
    );
    expect(isValidFormToken({ secret, flowId: 'flow-1', formToken: undefined })).toBe(false);
    expect(isValidFormToken({ secret, flowId: 'flow-1', formToken: 'x' })).toBe(false);
  });
});
