import { describe, expect, it } from 'vitest';
import { createState } from './create-state.js';

describe('createState', () => {
  it('is base64url carrying at least 128 random bits', () => {
    const state = createState();
    expect(state).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(state, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
  });

  it('never repeats', () => {
    const states = new Set(Array.from({ length: 1000 }, () => createState()));
    expect(states.size).toBe(1000);
  });
});
