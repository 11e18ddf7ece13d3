import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import { sendHttpRequest as sendB, toHttpOrigin } from '../src/workers/send-http-request.js';
import { sendHttpRequest as sendA } from '../src/workers/zz-send-text.js';

if (process.argv[2] === 'server') {
  const body = JSON.stringify({
    execution_id: 'e',
    finished_at: new Date().toISOString(),
    duration: 0.1,
    success: true,
    output: { value: { ok: true } },
    logs: [],
  });
  const s = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
      });
      res.end(body);
    });
  });
  s.listen(0, '127.0.0.1', () => process.send!((s.address() as any).port));
} else {
  const child = fork(process.argv[1]!, ['server'], { execArgv: process.execArgv });
  const port: number = await new Promise((r) => child.once('message', r as any));
  const origin = toHttpOrigin(`http://127.0.0.1:${port}`, { timeoutMs: 30000 });
  const reqBody = JSON.stringify({
    run_id: 'r',
    execution_id: 'e',
    created_at: new Date().toISOString(),
    tool: { name: 'Noop', toolkit: 'Remote', version: '1.0.0' },
    inputs: {},
    context: { secrets: [], user_id: 'u' },
  });
  const variant = 'a';
  const run = async (ms: number) => {
    const end = Date.now() + ms;
    let n = 0;
    const c0 = process.cpuUsage();
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        while (Date.now() < end) {
          const o = await (process.env.V === 'b' ? sendB : sendA)({
            origin,
            path: '/worker/tools/invoke',
            method: 'POST',
            headers: {
              authorization: 'Bearer x',
              accept: 'application/json',
              'content-type': 'application/json',
            },
            body: reqBody,
            timeoutMs: 30000,
            maxResponseBytes: 1 << 25,
            signal: undefined,
          });
          if (o.type !== 'answered') throw new Error('x');
          n++;
        }
      }),
    );
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / n;
  };
  await run(1000);
  const r: Record<string, number[]> = { a: [], b: [] };
  for (let i = 0; i < 6; i++)
    for (const v of ['a', 'b']) {
      process.env.V = v;
      r[v]!.push(await run(1500));
    }
  for (const v of ['a', 'b'])
    console.log(
      v,
      'client CPU/call µs',
      r[v]!.map((x) => x.toFixed(1)).join(' '),
      'median',
      [...r[v]!].sort((x, y) => x - y)[3]!.toFixed(1),
    );
  child.kill();
  await origin.pool.close();
}
