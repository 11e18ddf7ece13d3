import { describe, expect, it } from 'vitest';
import { parseEngineConfig } from '../engine-config.js';
import { toWorkerSettings, workerConfigSchema } from './worker-settings.js';

describe('worker settings', () => {
  it('fills in the defaults and drops a trailing slash', () => {
    const config = workerConfigSchema.parse({
      id: 'w',
      url: 'http://127.0.0.1:8002/',
      secret: 's',
    });
    expect(toWorkerSettings({ config, managed: true })).toEqual({
      id: 'w',
      url: 'http://127.0.0.1:8002',
      secret: 's',
      timeoutMs: 65_000,
      retry: { attempts: 2, backoffMs: 100 },
      healthCheckIntervalMs: 10_000,
      enabled: true,
      managed: true,
    });
  });

  it('a bad worker in the engine configuration names the field, never the secret', () => {
    const parse = (workers: unknown) => () =>
      parseEngineConfig({ value: { workers }, source: 'toolgrant.config.ts' });
    expect(parse([{ id: 'w', url: 'ftp://x', secret: 'hidden-value' }])).toThrow(
      "toolgrant.config.ts: 'workers[0].url' must be the http:// or https:// URL the worker listens on.",
    );
    expect(parse([{ id: 'w', url: 'http://x', secret: '' }])).toThrow(
      /'workers\[0\]\.secret' is empty/,
    );
    expect(
      parse([
        { id: 'w', url: 'http://a', secret: 'hidden-value' },
        { id: 'w', url: 'http://b', secret: 'hidden-value' },
      ]),
    ).toThrow(/'workers\[1\]\.id' is used by two workers/);
    expect(parse([{ id: 'w', url: 'http://a', secret: 'x', retry: { attempts: 0 } }])).toThrow(
      /'workers\[0\]\.retry\.attempts' must be 1 or more/,
    );
    const badId = (() => {
      try {
        parse([{ id: 'bad id', url: 'http://a', secret: 'hidden-value' }])();
        return 'no error';
      } catch (error) {
        return String(error);
      }
    })();
    expect(badId).toContain("'workers[0].id'");
    expect(badId).not.toContain('hidden-value');
  });
});
