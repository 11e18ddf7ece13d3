import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

// A closed-loop load generator: `concurrency` clients on keep-alive connections, each sending
// the next request when its previous answer has been read, until `maxRequests` are answered
// or `durationMs` has passed. Latencies are per request, from sending to the last body byte.

export type LoadResult = {
  requests: number;
  failures: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Every request's latency in milliseconds, sorted. */
  latencies: number[];
};

export async function runLoad({
  url,
  method = 'POST',
  headers = {},
  body,
  concurrency,
  maxRequests,
  durationMs,
  isSuccess = (status) => status === 200,
}: {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body: string;
  concurrency: number;
  maxRequests: number;
  durationMs: number;
  isSuccess?: (status: number, body: string) => boolean;
}): Promise<LoadResult> {
  const target = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const payload = Buffer.from(body);
  const latencies: number[] = [];
  let failures = 0;
  let sent = 0;
  const started = performance.now();
  const deadline = started + durationMs;

  const once = () =>
    new Promise<void>((resolve, reject) => {
      const sentAt = performance.now();
      const outgoing = request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: `${target.pathname}${target.search}`,
          method,
          headers: {
            ...headers,
            'content-type': 'application/json',
            'content-length': String(payload.length),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            latencies.push(performance.now() - sentAt);
            if (!isSuccess(response.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'))) {
              failures += 1;
            }
            resolve();
          });
          response.on('error', reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(payload);
    });

  const client = async () => {
    while (sent < maxRequests && performance.now() < deadline) {
      sent += 1;
      await once();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    failures,
    seconds,
    perSecond: latencies.length / seconds,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    latencies,
  };
}

/** Rounds of one server as one result: requests over the time spent, latencies pooled. */
export function combineLoadResults(results: readonly LoadResult[]): LoadResult {
  const latencies = results.flatMap((result) => result.latencies).sort((a, b) => a - b);
  const seconds = results.reduce((sum, result) => sum + result.seconds, 0);
  return {
    requests: latencies.length,
    failures: results.reduce((sum, result) => sum + result.failures, 0),
    seconds,
    perSecond: latencies.length / seconds,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    latencies,
  };
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[rank] as number;
}
