import { expect } from 'chai';
import fc from 'fast-check';
import { EventStreamClient } from 'encoder-manager-ws-client';
import { apiMetricsRef } from '@encoder-manager/sdk';
import { call, freePort, startApiAgent, type ApiAgent } from './helpers/agent.js';
import { operationsOf, type Operation } from './helpers/fuzz/operations.js';
import { sendRaw, serialize, type RawResponse } from './helpers/fuzz/raw-http.js';
import { anyRequest, type FuzzCase, type KnownIds } from './helpers/fuzz/requests.js';
import { startSmtp } from './helpers/smtp.js';

/** Requests per run, over parallel workers, bounded in time too. FUZZ_SEED / FUZZ_RUNS reproduce or widen a run. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 3000);
const WORKERS = 4;
const TIME_LIMIT_MS = 60_000;
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const ROOMY = { points: 1_000_000, durationSec: 60 };
const POLICIES = ['public', 'read', 'operate', 'control', 'admin', 'ticket', 'notify-test'];

async function plugins(smtpPort: number): Promise<string> {
  // The ingest plugin polls a closed port: its service exists (its routes answer), its stat reads fail.
  const statPort = await freePort();
  return `  failover:
    config:
      channels:
        - id: council
          name: Council Chamber live
          confirmTimeoutMs: 500
          startOnReady: false
          encoders:
            - { encoder: hq-1, output: stream, stream: live/hq-1 }
            - { encoder: hq-2, output: stream, stream: live/hq-2 }
  notifications:
    config:
      recipients:
        - { id: ops, name: Ops desk, roles: [engineer], channels: [{ channel: email, address: ops@station.test }] }
      delivery: { pollIntervalMs: 100 }
  notifier-email:
    config: { host: 127.0.0.1, port: ${smtpPort}, security: none, from: alerts@station.test }
  meetings: { config: {} }
  ingest-nginx-rtmp:
    config: { statUrl: 'http://127.0.0.1:${statPort}/stat', pollIntervalMs: 1000 }
`;
}

/**
 * The one 5xx that is not the API failing: a generated (valid) reboot takes a simulated encoder down for
 * 20 s, and a later control request to it is refused with the README's 502 `EM_DRIVER_UNREACHABLE`.
 */
function isRebootingEncoder(fuzz: FuzzCase, response: RawResponse): boolean {
  return (
    response.status === 502 &&
    fuzz.operation.path.endsWith('/control') &&
    /"code":"EM_DRIVER_UNREACHABLE"/.test(response.body) &&
    / is rebooting"/.test(response.body)
  );
}

/** What the run saw: answers per status and per operation, and every 5xx (or request never answered). */
interface Tally {
  sent: number;
  rebooting: number;
  readonly statuses: Map<number | 'none', number>;
  readonly perOperation: Map<string, number>;
  readonly failures: string[];
}

async function exercise(port: number, tally: Tally, fuzz: FuzzCase): Promise<boolean> {
  const response = await sendRaw(port, serialize(fuzz.request));
  tally.sent += 1;
  const status = response.status ?? 'none';
  tally.statuses.set(status, (tally.statuses.get(status) ?? 0) + 1);
  const id = fuzz.operation.operationId;
  tally.perOperation.set(id, (tally.perOperation.get(id) ?? 0) + 1);
  if (response.status !== undefined && response.status < 500) return true;
  if (isRebootingEncoder(fuzz, response)) {
    tally.rebooting += 1;
    return true;
  }
  const request = serialize(fuzz.request).toString('latin1').slice(0, 600);
  tally.failures.push(`${status} ${response.body.slice(0, 300)}\n${request}`);
  return false;
}

describe('api fuzz: generated malformed requests against every route of the OpenAPI document', function () {
  this.timeout(TIME_LIMIT_MS + 60_000);
  let a: ApiAgent;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let operations: Operation[];
  let known: KnownIds;
  let keys: { admin: string; read: string; operate: string };
  const previousKey = process.env.EM_SECRET_KEY;

  before(async () => {
    smtp = await startSmtp();
    process.env.EM_SECRET_KEY = 'q3l2cYw1Jv3h7oW6Xn0pE8bM5tR9sKzA4uD2fG6hJ8k=';
    a = await startApiAgent({
      plugins: await plugins(smtp.port),
      logLevel: 'silent',
      api: {
        requestTimeoutMs: 5000,
        origins: ['https://mcr.example.org'],
        rateLimits: {
          perIp: ROOMY,
          authFailures: { ...ROOMY, blockSec: 1 },
          policies: Object.fromEntries(POLICIES.map((name) => [name, [ROOMY]])),
        },
        ws: { maxConnectionsPerKey: 1000 },
      },
    });
    const [admin, read, operate] = await Promise.all(['admin', 'read', 'operate'].map((s) => a.createKey(s)));
    keys = { admin: admin!.key, read: read!.key, operate: operate!.key };
    // A key the fuzzer may rotate or revoke: its own keys' ids are never generated.
    const victim = await a.createKey('read', { name: 'victim' });
    operations = operationsOf((await call(a.url, 'GET', '/api/v1/openapi.json')).json as never);
    known = {
      id: ['hq-1', 'hq-2', 'north-1', 'council', 'ops', 'engineer', victim.id, 'self'],
      fingerprint: ['0123456789abcdef', 'fp-1'],
      channel: ['email', 'telegram', 'webhook', 'council'],
      eventType: ['alert.firing', 'alert.resolved', 'failover.completed'],
      recipientId: ['ops', 'nobody'],
    };
  });
  after(async () => {
    await a?.stop();
    await smtp?.close();
    if (previousKey === undefined) delete process.env.EM_SECRET_KEY;
    else process.env.EM_SECRET_KEY = previousKey;
  });

  it(`answers ${RUNS} generated requests without a 5xx or a crash (seed printed)`, async () => {
    process.stdout.write(
      `      fuzz seed ${SEED} (rerun: FUZZ_SEED=${SEED}), ${operations.length} operations\n`,
    );
    const tally: Tally = {
      sent: 0,
      rebooting: 0,
      statuses: new Map(),
      perOperation: new Map(),
      failures: [],
    };
    const started = Date.now();
    const arbitrary = anyRequest(operations, known, keys);
    const property = fc.asyncProperty(arbitrary, (fuzz) => exercise(a.port, tally, fuzz));
    const settings = {
      numRuns: Math.ceil(RUNS / WORKERS),
      endOnFailure: true,
      plugins: [fc.interruptAfterTimeLimit(TIME_LIMIT_MS)],
    };
    const runs = Array.from({ length: WORKERS }, (_, worker) =>
      fc.assert(property, { ...settings, seed: SEED + worker }),
    );
    const outcomes = await Promise.allSettled(runs);
    const statuses = [...tally.statuses].sort().map(([s, n]) => `${s}×${n}`);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const rebooted = tally.rebooting
      ? ` (${tally.rebooting}×502: control of an encoder the fuzz rebooted)`
      : '';
    process.stdout.write(`      ${tally.sent} requests in ${seconds} s: ${statuses.join(' ')}${rebooted}\n`);
    expect(tally.failures, tally.failures.join('\n\n')).to.deep.equal([]);
    for (const outcome of outcomes) if (outcome.status === 'rejected') throw outcome.reason;
    // On a starved machine the time limit may stop the run early; it still must have covered every route.
    if (tally.sent < RUNS) process.stdout.write(`      stopped at the ${TIME_LIMIT_MS / 1000} s limit\n`);
    // Every operation got its share (10 each at the default size; less for a small FUZZ_RUNS).
    const least = Math.min(10, Math.floor(tally.sent / operations.length / 4));
    for (const operation of operations)
      expect(tally.perOperation.get(operation.operationId) ?? 0, operation.operationId).to.be.at.least(least);
  });

  it('still serves afterwards: health, an authenticated list, a verified event stream, no 5xx recorded', async () => {
    expect((await call(a.url, 'GET', '/api/v1/health')).status).to.equal(200);
    const encoders = await call(a.url, 'GET', '/api/v1/encoders', keys.read);
    expect(encoders.status).to.equal(200);
    expect((encoders.json as { items: unknown[] }).items).to.have.length(3);
    const client = new EventStreamClient({ url: a.url, apiKey: keys.read, events: ['plugin.state'] }).start();
    const problems: unknown[] = [];
    client.on('problem', (p) => problems.push(p));
    const deadline = Date.now() + 5000;
    while (client.stats.connections === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));
    for (let i = 0; i < 3; i += 1)
      a.agent.bus.publish('test', 'plugin.state', { plugin: 'fuzz', state: 'loaded', at: Date.now() });
    while (client.stats.events < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    client.stop();
    expect(client.stats.events, 'verified events after the fuzz').to.equal(3);
    expect(problems).to.deep.equal([]);
    // The agent's own count, which also sees answers a fuzzed client never read.
    const routes = a.agent.services.use(apiMetricsRef, 'fuzz test').snapshot().routes;
    const serverErrors = routes.flatMap((r) =>
      Object.entries(r.statuses)
        .filter(([status]) => Number(status) >= 500)
        .filter(([status]) => !(status === '502' && r.route.endsWith('/control')))
        .map(([status, n]) => `${r.method} ${r.route}: ${status}×${n}`),
    );
    expect(serverErrors).to.deep.equal([]);
  });
});
