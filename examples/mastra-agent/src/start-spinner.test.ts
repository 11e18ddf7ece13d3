import { describe, expect, it } from 'vitest';
import { startSpinner } from './start-spinner.js';

const clearLine = '\r\x1b[2K';

function recorder(isTTY: boolean) {
  const written: string[] = [];
  return { output: { isTTY, write: (text: string) => written.push(text) }, written };
}

describe('startSpinner', () => {
  it('writes one plain line, without control characters, when the output is not a terminal', async () => {
    const { output, written } = recorder(false);
    const spinner = startSpinner({ output, text: 'Waiting for you to approve in the browser…' });
    await new Promise((resolve) => setTimeout(resolve, 250));
    spinner.stop();
    expect(written).toEqual(['Waiting for you to approve in the browser…\n']);
  });

  it('animates in a terminal and clears its line when stopped', async () => {
    const { output, written } = recorder(true);
    const spinner = startSpinner({ output, text: 'Waiting' });
    await new Promise((resolve) => setTimeout(resolve, 250));
    spinner.stop();
    const frames = written.slice(0, -1);
    expect(frames.length).toBeGreaterThan(2);
    expect(new Set(frames).size).toBeGreaterThan(1);
    for (const frame of frames) {
      expect(frame.startsWith(clearLine)).toBe(true);
      expect(frame.endsWith(' Waiting')).toBe(true);
    }
    expect(written.at(-1)).toBe(clearLine);
    const count = written.length;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(written).toHaveLength(count);
  });
});
