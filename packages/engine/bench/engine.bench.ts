import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { spawnServerProcess } from '../test/e2e/spawn-server-process.js';
import { combineLoadResults, type LoadResult, percentile, runLoad } from './run-load.js';
import { startBenchEngine } from './start-bench-engine.js';

// `pnpm bench`: the engine's execution throughput and latency for an authorized no-op tool
// over HTTP, beside a bare node:http server answering the same JSON (the ceiling on this
// machine), and how fast a waiting status long-poll returns once an authorization completes.
// Servers run in their own processes; this process generates load over loopback.

const concurrency = 50;
const rounds = 4;
const maxRequests = Number(process.env.BENCH_REQUESTS ?? 40_000);
const durationMs = Number(process.env.BENCH_SECONDS ?? 12) * 1000;
const roundMs = durationMs / rounds;
const roundRequests = Math.ceil(maxRequests / rounds);
const warmupMs = 2000;
const wakeFlows = Number(process.env.BENCH_FLOWS ?? 50);

const here = path.dirname(fileURLToPath(import.meta.url));
const bench = await startBenchEngine();
const { apiKey, provider, client } = bench;
const engine = { url: bench.url };

try {
  // alice authorizes once; every execution then reads and decrypts her stored token.
  await bench.authorize('alice');

  const executeUrl = `${engine.url}/v1/tools/execute`;
  const executeBody = JSON.stringify({ tool_name: 'Bench.Noop', input: {}, user_id: 'alice' });
  const headers = { authorization: apiKey, 'content-type': 'application/json' };
  const sample = await fetch(executeUrl, { method: 'POST', headers, body: executeBody });
  const sampleBody = await sample.text();
  if (!sampleBody.includes('"success":true')) {
    throw new Error(`The no-op execution failed: ${sample.status} ${sampleBody}`);
  }
  const bare = await spawnServerProcess({
    script: path.join(here, 'bare-server.ts'),
    settings: { body: sampleBody },
  });

  const load = (url: string, options: { durationMs: number; maxRequests: number }) =>
    runLoad({
      url,
      headers,
      body: executeBody,
      concurrency,
      ...options,
      isSuccess: (status, body) => status === 200 && body.includes('"success":true'),
    });
  // Rounds alternate between the two servers, so that load from elsewhere on the machine
  // falls on both alike.
  const bareUrl = `${bare.url}/v1/tools/execute`;
  const bareRounds: LoadResult[] = [];
  const engineRounds: LoadResult[] = [];
  try {
    await load(bareUrl, { durationMs: warmupMs, maxRequests });
    await load(executeUrl, { durationMs: warmupMs, maxRequests });
    for (let round = 0; round < rounds; round += 1) {
      bareRounds.push(await load(bareUrl, { durationMs: roundMs, maxRequests: roundRequests }));
      engineRounds.push(
        await load(executeUrl, { durationMs: roundMs, maxRequests: roundRequests }),
      );
    }
  } finally {
    await bare.stop();
  }
  const bareResult = combineLoadResults(bareRounds);
  const engineResult = combineLoadResults(engineRounds);

  // Wake-up: a long-poll waits on the flow while the user consents; then the callback.
  const oauthWake: number[] = [];
  const oauthCallback: number[] = [];
  const keyWake: number[] = [];
  const statusOf = (id: string) =>
    fetch(`${engine.url}/v1/auth/status?id=${encodeURIComponent(id)}&wait=59`, { headers }).then(
      async (response) => {
        const at = performance.now();
        const { status } = (await response.json()) as { status: string };
        if (status !== 'completed') throw new Error(`The long-poll answered ${status}.`);
        return at;
      },
    );
  for (let flow = 0; flow < wakeFlows; flow += 1) {
    const pending = await client.tools.authorize({
      tool_name: 'Bench.Noop',
      user_id: `wake-oauth-${flow}`,
    });
    const polled = statusOf(pending.id ?? '');
    const consent = await provider.completeConsent({
      authorizationUrl: pending.url ?? '',
      username: 'alice',
      password: 'alice-password',
      followCallback: false,
    });
    // With the engine's browser-binding cookie, as the browser that opened the link sends it.
    const cookie = consent.cookieJar.headerFor(new URL(consent.redirectUrl)) ?? '';
    const sentAt = performance.now();
    const answered = fetch(consent.redirectUrl, {
      redirect: 'manual',
      headers: { cookie },
    }).then(async (response) => {
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`The callback answered ${response.status}.`);
      return performance.now();
    });
    const [wokeAt, answeredAt] = await Promise.all([polled, answered]);
    oauthWake.push(wokeAt - sentAt);
    oauthCallback.push(answeredAt - sentAt);
  }
  for (let flow = 0; flow < wakeFlows; flow += 1) {
    const pending = await client.tools.authorize({
      tool_name: 'Bench.KeyNoop',
      user_id: `wake-key-${flow}`,
    });
    const polled = statusOf(pending.id ?? '');
    // The form page, as the user's browser loads it; the long-poll is waiting meanwhile. The
    // submission carries the binding cookie the page set and the form's hidden token.
    const page = await fetch(pending.url ?? '');
    const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const formToken = (await page.text()).match(/name="form_token" value="([^"]*)"/)?.[1] ?? '';
    const sentAt = performance.now();
    const submitted = await fetch(pending.url ?? '', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: new URLSearchParams({
        api_key: randomBytes(12).toString('hex'),
        form_token: formToken,
      }).toString(),
    });
    await submitted.arrayBuffer();
    if (submitted.status !== 200) throw new Error(`The form answered ${submitted.status}.`);
    keyWake.push((await polled) - sentAt);
  }

  const ms = (value: number) => `${value.toFixed(2)} ms`;
  const row = (name: string, result: typeof engineResult) =>
    `| ${name.padEnd(26)} | ${result.perSecond.toFixed(0).padStart(8)} /s | ${ms(result.p50Ms).padStart(9)} | ${ms(result.p99Ms).padStart(9)} | ${String(result.requests).padStart(6)} | ${String(result.failures).padStart(3)} |`;
  const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
  const wakeRow = (name: string, values: number[]) =>
    `| ${name.padEnd(58)} | ${ms(percentile(sorted(values), 0.5)).padStart(9)} | ${ms(percentile(sorted(values), 0.99)).padStart(9)} |`;

  console.log(
    `\nExecutions over HTTP: ${concurrency} concurrent keep-alive clients; per server ${rounds} alternating rounds of up to ${roundRequests} requests or ${roundMs / 1000} s, after ${warmupMs / 1000} s of warm-up.\n`,
  );
  console.log(
    '| server                     |   throughput |       p50 |       p99 |   reqs | err |',
  );
  console.log(
    '| -------------------------- | ------------ | --------- | --------- | ------ | --- |',
  );
  console.log(row('bare node:http (ceiling)', bareResult));
  console.log(row('engine, Bench.Noop (OAuth)', engineResult));
  const ratio = engineResult.perSecond / bareResult.perSecond;
  console.log(`\nengine / bare throughput: ${(ratio * 100).toFixed(1)}% (goal: at least 40%)\n`);
  console.log(`Wake-up of a waiting GET /v1/auth/status?wait=59, ${wakeFlows} flows each:\n`);
  console.log(
    '| measured from the moment the browser sends the callback |       p50 |       p99 |',
  );
  console.log(`| ${'-'.repeat(58)} | --------- | --------- |`);
  console.log(wakeRow('API-key form submitted -> long-poll returned', keyWake));
  console.log(wakeRow('OAuth callback -> long-poll returned (incl. code exchange)', oauthWake));
  console.log(wakeRow('OAuth callback -> callback page answered', oauthCallback));
  console.log(
    '\n(goal: wake-up p50 under 10 ms; the OAuth rows include the token request to the provider.)',
  );
} finally {
  await bench.stop();
}
