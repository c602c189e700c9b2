import fc from 'fast-check';
import { call, startApiAgent } from './test/helpers/agent.js';
import { sendRaw, serialize } from './test/helpers/fuzz/raw-http.js';
import { operationsOf } from './test/helpers/fuzz/operations.js';
import { anyRequest } from './test/helpers/fuzz/requests.js';
let uncaught: Error | undefined;
process.on('uncaughtException', (e) => { uncaught = e; });
const ROOMY = { points: 1_000_000, durationSec: 60 };
const a = await startApiAgent({ logLevel: 'silent', api: { rateLimits: { perIp: ROOMY, authFailures: { ...ROOMY, blockSec: 1 }, policies: Object.fromEntries(['public','read','operate','control','admin','ticket','notify-test'].map((n) => [n, [ROOMY]])) } } });
const credentials = { admin: (await a.createKey('admin')).key, read: (await a.createKey('read')).key, operate: (await a.createKey('operate')).key };
const ops = operationsOf((await call(a.url, 'GET', '/api/v1/openapi.json')).json as never);
const known = { id: ['hq-1', 'council'], fingerprint: ['x'], channel: ['email'], eventType: ['alert.firing'], recipientId: ['ops'] };
const samples = fc.sample(anyRequest(ops, known, credentials), { seed: Number(process.argv[2] ?? 1), numRuns: Number(process.argv[3] ?? 3000) });
const counts = new Map<string, number>();
for (const s of samples) {
  const r = await sendRaw(a.port, serialize(s.request));
  const k = String(r.status ?? 'none');
  counts.set(k, (counts.get(k) ?? 0) + 1);
  if ((r.status ?? 500) >= 500) console.log('5XX', r.status, r.body.slice(0, 200), '\n', serialize(s.request).toString('latin1').slice(0, 500));
  await new Promise((r) => setImmediate(r));
  if (uncaught) { console.log('UNCAUGHT', uncaught.message, '\n', serialize(s.request).toString('latin1').slice(0, 800), s.request.body?.length); uncaught = undefined; }
}
console.log([...counts]);
await a.stop();
