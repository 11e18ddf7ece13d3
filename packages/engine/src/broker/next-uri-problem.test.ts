import { describe, expect, it } from 'vitest';
import { nextUriProblem } from './next-uri-problem.js';

describe('nextUriProblem', () => {
  it.each([
    'https://app.example.com/done',
    'http://127.0.0.1:3000/chat?x=1#y',
    'HTTPS://APP.EXAMPLE.COM/',
  ])('accepts the absolute http(s) URL %s', (nextUri) => {
    expect(nextUriProblem(nextUri)).toBeUndefined();
  });

  it.each([
    ['javascript:alert(1)', 'must be an absolute http or https URL'],
    ['data:text/html,x', 'must be an absolute http or https URL'],
    ['java\nscript:alert(1)', 'must be an absolute http or https URL'],
    ['/relative', 'must be an absolute http or https URL'],
    ['//evil.example', 'must be an absolute http or https URL'],
    ['https:evil.example', 'must be an absolute http or https URL'],
    ['https:\\\\evil.example', 'must be an absolute http or https URL'],
    ['https://app.example.com\\@evil.example', 'must be an absolute http or https URL'],
    ['https:// app.example.com', 'must be an absolute http or https URL'],
    ['https://', 'must be an absolute http or https URL'],
    ['https://app.example.com@evil.example', 'must not carry user info'],
    ['https://a:b@app.example.com', 'must not carry user info'],
    [`https://app.example.com/${'x'.repeat(2100)}`, 'is longer than 2048 characters'],
  ])('refuses %j: %s', (nextUri, problem) => {
    expect(nextUriProblem(nextUri)).toContain(problem);
  });

  it('limits the origin to an allow-list when given one', () => {
    const allowed = ['https://app.example.com'];
    expect(nextUriProblem('https://app.example.com/done', allowed)).toBeUndefined();
    expect(nextUriProblem('https://app.example.com:8443/done', allowed)).toContain(
      'has the origin https://app.example.com:8443, which is not in allowedRedirectOrigins',
    );
    expect(nextUriProblem('http://app.example.com/done', allowed)).toContain(
      'not in allowedRedirectOrigins',
    );
    expect(nextUriProblem('https://app.example.com/done', [])).toContain('(empty)');
  });
});
