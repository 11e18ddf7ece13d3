import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { combineLoadResults, type LoadResult, runLoad } from './run-load.js';
import { startBenchEngine } from './start-bench-engine.js';

// `pnpm bench`: the same authorized no-op tool on the same engine, called two ways: the REST
// API (`POST /v1/tools/execute`) and the MCP endpoint (`tools/call` at /mcp, protocol
// 2026-07-28, stateless). One client in a loop gives each path's p50; fifty concurrent
// keep-alive clients give throughput. Rounds alternate between the two, so load from elsewhere
// on the machine falls on both alike. The MCP request is the official SDK v2 client's, captured
// once and replayed byte for byte, so the load generator measures the server, not a client.
// BENCH_CPU_PROF=<directory> writes a CPU profile of the engine process there.

const sequentialCalls = Number(process.env.BENCH_SEQUENTIAL ?? 600);
const concurrency = 50;
const rounds = 4;
const roundMs = (Number(process.env.BENCH_SECONDS ?? 12) * 1000) / rounds;
const roundRequests = Math.ceil(Number(process.env.BENCH_REQUESTS ?? 40_000) / rounds);
const warmupMs = 2000;

const bench = await startBenchEngine();
const { apiKey } = bench;
const engine = { url: bench.url };

try {
  // alice authorizes once; every call on either path then reads and decrypts her token.
  await bench.authorize('alice');

  type Target = {
    url: string;
    headers: Record<string, string>;
    body: string;
    isSuccess: (status: number, body: string) => boolean;
  };
  const rest: Target = {
    url: `${engine.url}/v1/tools/execute`,
    headers: { authorization: apiKey },
    body: JSON.stringify({ tool_name: 'Bench.Noop', input: {}, user_id: 'alice' }),
    isSuccess: (status: number, body: string) => status === 200 && body.includes('"success":true'),
  };
  const mcp: Target = {
    url: `${engine.url}/mcp`,
    ...(await captureModernToolCall({ url: `${engine.url}/mcp`, apiKey, userId: 'alice' })),
    isSuccess: (status: number, body: string) =>
      status === 200 && body.includes('{\\"ok\\":true}') && !body.includes('"isError":true'),
  };

  const load = (
    target: typeof rest,
    options: { concurrency: number; durationMs: number; maxRequests: number },
  ) => runLoad({ ...target, ...options });
  const alternate = async (options: {
    concurrency: number;
    durationMs: number;
    maxRequests: number;
  }) => {
    const restRounds: LoadResult[] = [];
    const mcpRounds: LoadResult[] = [];
    for (let round = 0; round < rounds; round += 1) {
      restRounds.push(await load(rest, options));
      mcpRounds.push(await load(mcp, options));
    }
    return { rest: combineLoadResults(restRounds), mcp: combineLoadResults(mcpRounds) };
  };

  for (const target of [rest, mcp]) {
    await load(target, { concurrency, durationMs: warmupMs, maxRequests: roundRequests });
  }
  const sequential = await alternate({
    concurrency: 1,
    durationMs: 60_000,
    maxRequests: Math.ceil(sequentialCalls / rounds),
  });
  const concurrent = await alternate({
    concurrency,
    durationMs: roundMs,
    maxRequests: roundRequests,
  });

  const ms = (value: number) => `${value.toFixed(2)} ms`;
  const row = (name: string, one: LoadResult, many: LoadResult) =>
    `| ${name.padEnd(34)} | ${ms(one.p50Ms).padStart(9)} | ${ms(one.p99Ms).padStart(9)} | ${many.perSecond.toFixed(0).padStart(8)} /s | ${ms(many.p50Ms).padStart(9)} | ${String(one.failures + many.failures).padStart(3)} |`;
  console.log(
    `\nMCP tools/call against REST execute, same engine, same authorized no-op tool: p50/p99 of ${sequentialCalls} sequential calls per path; throughput with ${concurrency} concurrent keep-alive clients, ${rounds} alternating rounds of up to ${roundRequests} requests or ${roundMs / 1000} s.\n`,
  );
  console.log(
    '| path                               | seq. p50  | seq. p99  | 50 clients  | 50 p50    | err |',
  );
  console.log(
    '| ---------------------------------- | --------- | --------- | ----------- | --------- | --- |',
  );
  console.log(row('POST /v1/tools/execute (reference)', sequential.rest, concurrent.rest));
  console.log(row('MCP tools/call, 2026-07-28', sequential.mcp, concurrent.mcp));
  const added = sequential.mcp.p50Ms - sequential.rest.p50Ms;
  const ratio = concurrent.mcp.perSecond / concurrent.rest.perSecond;
  console.log(`\nMCP p50 added: ${ms(added)} (goal: at most 1 ms)`);
  console.log(`MCP / REST throughput: ${(ratio * 100).toFixed(1)}% (goal: at least 70%)\n`);
} finally {
  await bench.stop();
}

/** The exact HTTP request the official v2 client sends for `tools/call` of Bench_Noop. */
async function captureModernToolCall({
  url,
  apiKey,
  userId,
}: {
  url: string;
  apiKey: string;
  userId: string;
}): Promise<{ headers: Record<string, string>; body: string }> {
  let captured: { headers: Record<string, string>; body: string } | undefined;
  const client = new Client(
    { name: 'toolgrant-bench', version: '1.0.0' },
    { versionNegotiation: { mode: { pin: '2026-07-28' } } },
  );
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers: { authorization: `Bearer ${apiKey}`, 'arcade-user-id': userId } },
    fetch: async (input, init) => {
      const body = typeof init?.body === 'string' ? init.body : '';
      if (body.includes('"tools/call"')) {
        captured = { headers: Object.fromEntries(new Headers(init?.headers).entries()), body };
      }
      return fetch(input, init);
    },
  });
  await client.connect(transport);
  const result = await client.callTool({ name: 'Bench_Noop', arguments: {} });
  await client.close();
  if (captured === undefined || result.isError === true) {
    throw new Error(`The MCP no-op call failed: ${JSON.stringify(result)}`);
  }
  return captured;
}
