import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startSpinner } from './start-spinner.js';

const clearLine = '\r\u001b[2K';

function recordingOutput(isTTY: boolean) {
  const written: string[] = [];
  return { output: { isTTY, write: (text: string) => written.push(text) }, written };
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('startSpinner', () => {
  it('writes one plain line, without control characters, when the output is not a terminal', () => {
    const { output, written } = recordingOutput(false);
    const spinner = startSpinner({ output, text: 'Waiting…' });
    vi.advanceTimersByTime(1_000);
    spinner.stop('Done.');
    expect(written.join('')).toBe('Waiting…\nDone.\n');
  });

  it('redraws one line in a terminal, and leaves the final line in its place', () => {
    const { output, written } = recordingOutput(true);
    const spinner = startSpinner({ output, text: 'Waiting…' });
    vi.advanceTimersByTime(240);
    const frames = written.length;
    expect(frames).toBeGreaterThanOrEqual(3);
    for (const frame of written) {
      expect(frame.startsWith(clearLine)).toBe(true);
      expect(frame.slice(clearLine.length)).toMatch(/^. Waiting…$/);
    }
    expect(new Set(written).size).toBeGreaterThan(1);

    spinner.stop('Done.');
    expect(written.at(-1)).toBe(`${clearLine}Done.\n`);
    vi.advanceTimersByTime(1_000);
    expect(written).toHaveLength(frames + 1);
  });
});
