import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineTool, defineToolkit } from '@toolgrant/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import { createEngine, type Engine, mcpServerExtension } from '../../../src/internal.js';
import type { LoopbackServer } from '../../listen-on-loopback.js';
import { startIdentityGateway } from '../identity-gateway.js';
import { createConformanceFixture } from './conformance-fixture.js';
import { type ConformanceRun, runConformance } from './run-conformance.js';

// The official MCP conformance suite (@modelcontextprotocol/conformance, pinned) against a
// running engine, once per protocol revision: exactly the scenarios each revision requires,
// plus the ones the suite runs unscored (HTTP header validation, JSON Schema 2020-12, session
// lifecycle). The suite fails the run on a scenario that fails and is not in
// expected-failures.yaml, and on one listed there that passes.
//
// The engine serves one registry toolkit (listed first, so the suite's `tools/list` checks
// read the engine's own conversion and its header checks call a registry tool) and the
// conformance fixture's `test_*` tools. The suite sends no credentials, so it connects through
// an identity gateway: the app server of the trusted setup, adding the API key and the user.

const expectedFailures = fileURLToPath(new URL('./expected-failures.yaml', import.meta.url));

const clock = defineToolkit({
  name: 'Clock',
  version: '1.0.0',
  description: 'What time it is.',
  tools: [
    defineTool({
      name: 'Now',
      description: 'The current time as an ISO 8601 string.',
      input: z.object({ timeZone: z.string().optional().describe('An IANA time zone') }),
      metadata: { readOnly: true, openWorld: false },
      execute: () => new Date().toISOString(),
    }),
  ],
});

let engine: Engine;
let gateway: LoopbackServer;
let dataDirectory: string;

beforeAll(async () => {
  dataDirectory = await mkdtemp(path.join(tmpdir(), 'toolgrant-conformance-engine-'));
  const apiKey = `tg_conformance_${randomBytes(16).toString('hex')}`;
  engine = await createEngine({
    toolkits: [clock],
    apiKeys: [apiKey],
    encryptionKey: randomBytes(32).toString('base64'),
    dataDirectory,
    devMode: true,
    environment: {},
    logger: { debug() {}, info() {}, warn() {}, error() {} },
    [mcpServerExtension]: createConformanceFixture(),
  });
  const { url } = await engine.listen({ port: 0 });
  gateway = await startIdentityGateway({ engineUrl: url, apiKey, userId: 'conformance-user' });
});

afterAll(async () => {
  await gateway?.close();
  await engine?.close();
  await rm(dataDirectory, { recursive: true, force: true });
});

describe.each(['2025-11-25', '2026-07-28'])('the MCP conformance suite, %s', (revision) => {
  let run: ConformanceRun;
  beforeAll(async () => {
    run = await runConformance({
      url: `${gateway.url}/mcp`,
      args: ['--requirements', revision, '--expected-failures', expectedFailures],
    });
  }, 240_000);

  it('passes every scenario outside the expected failures, and fails each one listed', () => {
    expect(run.exitCode, run.output).toBe(0);
  });

  it('ran the tools, lifecycle, header and DNS-rebinding scenarios, every check passing', () => {
    const mustPass = [
      'tools-list',
      'tools-call-simple-text',
      'tools-call-image',
      'tools-call-audio',
      'tools-call-embedded-resource',
      'tools-call-mixed-content',
      'tools-call-error',
      'tools-call-with-progress',
      'json-schema-2020-12',
      'dns-rebinding-protection',
      ...(revision === '2025-11-25'
        ? [
            'server-initialize',
            'server-session-lifecycle',
            'ping',
            'logging-set-level',
            'tools-call-with-logging',
            'tools-call-sampling',
            'tools-call-elicitation',
          ]
        : [
            'server-stateless',
            'http-header-validation',
            'http-custom-header-server-validation',
            ...[
              'basic-elicitation',
              'basic-sampling',
              'basic-list-roots',
              'request-state',
              'multiple-input-requests',
              'multi-round',
              'missing-input-response',
              'result-type',
              'unsupported-methods',
              'tampered-state',
              'capability-check',
              'ignore-extra-params',
              'validate-input',
            ].map((name) => `input-required-result-${name}`),
          ]),
    ];
    for (const scenario of mustPass) {
      const checks = run.scenarios.get(scenario);
      expect(checks, `${scenario} did not run:\n${run.output}`).toBeDefined();
      const failed = (checks ?? []).filter((check) => check.status === 'FAILURE');
      expect(failed, scenario).toEqual([]);
      expect(
        (checks ?? []).some((check) => check.status === 'SUCCESS'),
        scenario,
      ).toBe(true);
    }
  });
});
