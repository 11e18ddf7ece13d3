import { describe, expect, it } from 'vitest';
import { createToolLogger } from './tool-logger.js';

describe('createToolLogger', () => {
  it('collects entries with the Arcade log levels, in order', () => {
    const { logger, logs } = createToolLogger();
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.error('e');
    expect(logs).toEqual([
      { level: 'debug', message: 'd' },
      { level: 'info', message: 'i' },
      { level: 'warning', message: 'w' },
      { level: 'error', message: 'e' },
    ]);
  });

  it('redacts messages before keeping them', () => {
    const { logger, logs } = createToolLogger({
      redact: (text) => text.replaceAll('s3cret', '[redacted]'),
    });
    logger.info('token s3cret used');
    expect(logs).toEqual([{ level: 'info', message: 'token [redacted] used' }]);
  });

  it('keeps at most 1000 entries and says how many were dropped', () => {
    const { logger, logs } = createToolLogger();
    for (let index = 0; index < 1005; index += 1) logger.info(`line ${index}`);
    expect(logs).toHaveLength(1000);
    expect(logs[998]).toEqual({ level: 'info', message: 'line 998' });
    expect(logs[999]).toEqual({
      level: 'warning',
      message: '6 further log entries were dropped (at most 1000 are kept).',
    });
  });

  it('truncates very long messages', () => {
    const { logger, logs } = createToolLogger();
    logger.info('x'.repeat(20_000));
    expect(logs[0]?.message).toHaveLength(10_000 + '… (truncated)'.length);
  });
});
