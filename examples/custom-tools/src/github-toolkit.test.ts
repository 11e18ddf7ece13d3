import { describe, expect, it } from 'vitest';
import { githubToolkit } from './github-toolkit.js';

describe('githubToolkit', () => {
  it('serves GitHub.ListRepositories, StarRepository and CreateIssue, version 1.0.0', () => {
    const toolkit = githubToolkit();
    expect(toolkit.name).toBe('GitHub');
    expect(toolkit.version).toBe('1.0.0');
    expect(toolkit.tools.map((tool) => tool.name)).toEqual([
      'ListRepositories',
      'StarRepository',
      'CreateIssue',
    ]);
  });

  it('refuses an API URL that is not http(s), saying what to pass', () => {
    expect(() => githubToolkit({ apiBaseUrl: 'api.github.com' })).toThrow(
      `githubToolkit({ apiBaseUrl }) got "api.github.com"; pass the GitHub REST API's URL, for example 'https://api.github.com'.`,
    );
  });
});
