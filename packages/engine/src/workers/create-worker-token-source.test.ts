import { verifyWorkerToken } from '@toolgrant/worker/internal';
import { describe, expect, it } from 'vitest';
import { createWorkerTokenSource } from './create-worker-token-source.js';

describe('createWorkerTokenSource', () => {
  it('reuses a token for 30 s of its 60, then signs a new one the worker accepts', () => {
    let now = new Date('2030-01-01T00:00:00Z');
    const tokenOf = createWorkerTokenSource({ secret: 's', clock: () => now });
    const first = tokenOf();
    now = new Date(now.getTime() + 29_999);
    expect(tokenOf()).toBe(first);
    // The worker still accepts the reused token at the end of its reuse.
    expect(verifyWorkerToken({ token: first, secret: 's', now }).exp).toBe(
      Date.parse('2030-01-01T00:01:00Z') / 1000,
    );
    now = new Date(now.getTime() + 1);
    const second = tokenOf();
    expect(second).not.toBe(first);
    expect(verifyWorkerToken({ token: second, secret: 's', now }).iat).toBe(now.getTime() / 1000);
  });

  it('signs a new token when the clock moves back', () => {
    let now = new Date('2030-01-01T00:00:10Z');
    const tokenOf = createWorkerTokenSource({ secret: 's', clock: () => now });
    const first = tokenOf();
    now = new Date('2030-01-01T00:00:00Z');
    expect(tokenOf()).not.toBe(first);
  });
});
