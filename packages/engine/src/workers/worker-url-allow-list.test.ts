import { describe, expect, it } from 'vitest';
import { createWorkerUrlAllowList } from './worker-url-allow-list.js';

const allowList = createWorkerUrlAllowList({
  allowedUrls: [
    'http://127.0.0.1:8002',
    'https://workers.example.com/',
    'https://tools.example.com/team-a/',
  ],
});

describe('createWorkerUrlAllowList', () => {
  it.each([
    ['http://127.0.0.1:8002', 'http://127.0.0.1:8002'],
    ['http://127.0.0.1:8002/', 'http://127.0.0.1:8002'],
    ['HTTP://127.0.0.1:8002/workers/', 'http://127.0.0.1:8002/workers'],
    // The URL parser's own forms of one address.
    ['http://2130706433:8002', 'http://127.0.0.1:8002'],
    ['https://WORKERS.example.com:443/x', 'https://workers.example.com/x'],
    ['https://tools.example.com/team-a', 'https://tools.example.com/team-a'],
    ['https://tools.example.com/team-a/github', 'https://tools.example.com/team-a/github'],
  ])('allows %s as %s', (url, normalised) => {
    expect(allowList.check(url)).toEqual({ allowed: true, url: normalised });
  });

  it.each([
    ['http://127.0.0.1:8002.evil.com', 'is not an absolute URL'],
    ['http://workers.example.com.evil.com', 'is not in'],
    ['https://workers.example.com.evil.com', 'is not in'],
    ['https://workers.example.com@evil.com', 'user name or password'],
    ['https://user:pass@workers.example.com', 'user name or password'],
    ['https://evil.com#@workers.example.com', 'fragment'],
    ['https://evil.com/?https://workers.example.com', 'query'],
    ['http://workers.example.com', 'is not in'],
    ['https://workers.example.com:8443', 'is not in'],
    ['http://127.0.0.1:8003', 'is not in'],
    ['http://localhost:8002', 'is not in'],
    ['https://tools.example.com/team-ab', 'is not in'],
    ['https://tools.example.com/team-a/../team-b', 'is not in'],
    ['https://tools.example.com/team-a/%2e%2e/team-b', 'is not in'],
    ['https://tools.example.com/', 'is not in'],
    ['ftp://workers.example.com', 'http:// or https://'],
    ['/worker', 'is not an absolute URL'],
  ])('refuses %s (%s)', (url, problem) => {
    const check = allowList.check(url);
    expect(check.allowed).toBe(false);
    if (check.allowed) return;
    expect(check.problem).toContain(problem);
    expect(check.problem).toMatch(/^http\.uri /);
  });

  it('names the allowed entries and what to do, and never echoes a long URL in full', () => {
    const check = allowList.check(`https://evil.example/${'a'.repeat(5000)}`);
    if (check.allowed) throw new Error('expected a refusal');
    expect(check.problem).toContain(
      'http://127.0.0.1:8002, https://workers.example.com, https://tools.example.com/team-a',
    );
    expect(check.problem).toContain('add its origin to runtimeWorkers.allowedUrls');
    expect(check.problem.length).toBeLessThan(600);
  });

  it('refuses entries with a user name, a query or another scheme, naming the entry', () => {
    expect(() => createWorkerUrlAllowList({ allowedUrls: ['http://a@b.example'] })).toThrow(
      /^runtimeWorkers\.allowedUrls\[0\] must not carry a user name/,
    );
    expect(() =>
      createWorkerUrlAllowList({ allowedUrls: ['https://a.example', 'https://b.example/?x'] }),
    ).toThrow(/^runtimeWorkers\.allowedUrls\[1\] must not have a query/);
    expect(() => createWorkerUrlAllowList({ allowedUrls: ['file:///etc'] })).toThrow(
      /http:\/\/ or https:\/\//,
    );
  });
});
