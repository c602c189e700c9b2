import { expect } from 'chai';
import { EventStreamClient, type StreamProblem } from '../src/index.js';
import { startTestAgent, until, type TestAgent } from './helpers/agent.js';
import { startTamperingProxy, type TamperingProxy } from './helpers/tampering-proxy.js';

/** A client and everything it reported. */
function collect(client: EventStreamClient) {
  const seen = { events: [] as number[], problems: [] as StreamProblem[], snapshots: 0 };
  client.on('event', (frame: { seq: number }) => seen.events.push(frame.seq));
  client.on('problem', (problem: StreamProblem) => seen.problems.push(problem));
  client.on('snapshot', () => (seen.snapshots += 1));
  client.on('error', (error: Error) => seen.problems.push({ kind: 'invalid', detail: error.message }));
  return seen;
}

describe('reference client through a tampering proxy (real agent, WebSocket man-in-the-middle)', () => {
  let a: TestAgent;
  let proxy: TamperingProxy;
  const clients: EventStreamClient[] = [];
  const start = (url: string) => {
    const client = new EventStreamClient({
      url,
      apiKey: a.key,
      events: ['plugin.state'],
      minReconnectMs: 20,
    });
    clients.push(client);
    return client;
  };

  before(async () => (a = await startTestAgent()));
  afterEach(async () => {
    for (const client of clients.splice(0)) client.stop();
    await proxy?.close();
  });
  after(() => a.stop());

  it('reports the altered frame and the dropped one, and recovers both by resuming with since', async () => {
    proxy = await startTamperingProxy(a.port, { alter: 3 });
    const direct = collect(start(a.url).start());
    const client = start(proxy.url).start();
    const proxied = collect(client);
    await until(
      () => client.stats.connections === 1 && clients[0]!.stats.connections === 1,
      'both connected',
    );
    const lastSeq = () => direct.events.at(-1) ?? 0;
    // Phase 1: the third event frame is altered; the client resumes and gets it again.
    await a.publish(6);
    await until(() => direct.events.length === 6, 'the direct client gets the first 6 events');
    await until(() => proxied.events.at(-1) === lastSeq(), 'the proxied client recovers the altered frame');
    // Phase 2, once the first connection is gone: the third new frame is dropped.
    proxy.dropFromNow(3);
    await a.publish(6);
    await until(() => direct.events.length === 12, 'the direct client gets all 12 events');
    await until(() => proxied.events.at(-1) === lastSeq(), 'the proxied client catches up');

    expect(proxy.altered).to.have.length(1);
    expect(proxy.dropped).to.have.length(1);
    expect(proxied.problems.map((p) => p.kind)).to.deep.equal(['tampered', 'missing']);
    expect(proxied.problems[0]!.seq).to.equal(proxy.altered[0]);
    const dropped = proxy.dropped[0]!;
    // Seqs have gaps (events this client does not subscribe to), so neighbours come from the direct list.
    const seqs = direct.events;
    const before = (seq: number) => seqs[seqs.indexOf(seq) - 1];
    const after = (seq: number) => seqs[seqs.indexOf(seq) + 1];
    expect(proxied.problems[1]!.seq, 'the gap shows at the frame after the dropped one').to.equal(
      after(dropped),
    );
    expect(proxied.problems[1]!.detail).to.include(`up to ${dropped}`);
    // Every event exactly once and in order: the replays filled both holes.
    expect(proxied.events).to.deep.equal(direct.events);
    expect(direct.problems).to.deep.equal([]);
    // Reconnects asked for what came after the last good frame, in this epoch.
    const resumes = proxy.upgrades.slice(1).map((u) => new URL(u, 'http://x').searchParams);
    expect(resumes.map((q) => Number(q.get('since')))).to.deep.equal([
      before(proxy.altered[0]!),
      before(dropped),
    ]);
    for (const q of resumes) expect(q.get('epoch')).to.equal(client.chain.epoch);
  });

  it('resumes after a cut connection without loss or duplicates, and with a fresh ticket each time', async () => {
    proxy = await startTamperingProxy(a.port);
    const { fetchTicket } = await import('../src/index.js');
    const client = new EventStreamClient({
      url: proxy.url,
      ticket: () => fetchTicket(a.url, a.key),
      events: ['plugin.state'],
      minReconnectMs: 20,
    }).start();
    clients.push(client);
    const seen = collect(client);
    await until(() => client.stats.connections === 1, 'connected with a ticket');
    await a.publish(5);
    await until(() => seen.events.length === 5, 'first events');
    proxy.cut();
    await a.publish(5);
    await until(() => seen.events.length === 10, 'the missed events, replayed');
    expect(client.stats.connections).to.equal(2);
    expect(seen.problems).to.deep.equal([]);
    expect(new Set(seen.events).size).to.equal(10);
    expect(proxy.upgrades.every((u) => /[?&]ticket=em_wst_/.test(u))).to.equal(true);
    expect(
      new Set(proxy.upgrades.map((u) => new URL(u, 'http://x').searchParams.get('ticket'))).size,
    ).to.equal(2);
  });
});
