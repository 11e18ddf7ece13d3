import { describe, expect, it } from 'vitest';
import { ToolgrantError } from './toolgrant-error.js';

describe('ToolgrantError', () => {
  it('is recognised by its marker, even when built by another copy of the package', () => {
    const error = new ToolgrantError({ name: 'ToolgrantError', message: 'boom' });
    expect(ToolgrantError.isInstance(error)).toBe(true);

    const fromAnotherCopy = Object.assign(new Error('boom'), {
      [Symbol.for('toolgrant.error')]: true,
    });
    expect(ToolgrantError.isInstance(fromAnotherCopy)).toBe(true);
  });

  it('rejects plain errors and non-errors', () => {
    expect(ToolgrantError.isInstance(new Error('boom'))).toBe(false);
    expect(ToolgrantError.isInstance(undefined)).toBe(false);
    expect(ToolgrantError.isInstance('toolgrant.error')).toBe(false);
  });

  it('keeps the cause', () => {
    const cause = new Error('socket hang up');
    const error = new ToolgrantError({ name: 'ToolgrantError', message: 'boom', cause });
    expect(error.cause).toBe(cause);
  });
});
