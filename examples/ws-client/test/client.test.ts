import { expect } from 'chai';
import { EventStreamClient, type StreamProblem } from '../src/index.js';
import { startTestAgent, until, type TestAgent } from './helpers/agent.js';
import { startTamperingProxy, type TamperingProxy } from './helpers/tampering-proxy.js';

const REPLAY = 10;

describe('reference client against a real agent', () => {
  let a: TestAgent;
  let proxy: TamperingProxy | undefined;
  const clients: EventStreamClient[] = [];
  const open = (url: string, apiKey = a.key) => {
    const client = new EventStreamClient({
      url,
      apiKey,
      events: ['plugin.state'],
      minReconnectMs: 20,
      maxReconnectMs: 200,
    });
    const seen = {
      events: [] as number[],
      problems: [] as StreamProblem[],
      snapshots: 0,
      errors: [] as Error[],
    };
    client.on('event', (frame: { seq: number }) => seen.events.push(frame.seq));
    client.on('problem', (problem: StreamProblem) => seen.problems.push(problem));
    client.on('snapshot', () => (seen.snapshots += 1));
    client.on('error', (error: Error) => seen.errors.push(error));
    clients.push(client.start());
    return { client, seen };
  };

  before(async () => (a = await startTestAgent({ api: { ws: { replayBufferSize: REPLAY } } })));
  afterEach(async () => {
    for (const client of clients.splice(0)) client.stop();
    await proxy?.close();
    proxy = undefined;
  });
  after(() => a.stop());

  it('verifies every frame: hello, snapshot, then events in order, with nothing to report', async () => {
    const { client, seen } = open(a.url);
    await until(() => seen.snapshots === 1, 'hello and snapshot');
    await a.publish(5);
    await until(() => seen.events.length === 5, 'five events');
    expect(seen.problems).to.deep.equal([]);
    expect(client.stats).to.include({ connections: 1, events: 5, duplicates: 0 });
    expect(seen.events).to.deep.equal([...seen.events].sort((x, y) => x - y));
  });

  it('reports a resynced stream when the agent no longer has the missed events, and takes its snapshot', async () => {
    proxy = await startTamperingProxy(a.port);
    const { client, seen } = open(proxy.url);
    await until(() => seen.snapshots === 1, 'first snapshot');
    proxy.refuse(true);
    proxy.cut();
    await a.publish(REPLAY * 3);
    proxy.refuse(false);
    await until(() => client.stats.connections === 2, 'reconnected');
    await until(() => seen.snapshots === 2, 'a second snapshot');
    expect(seen.problems.map((p) => p.kind)).to.deep.equal(['resynced']);
    await a.publish(2);
    await until(() => seen.events.length === 2, 'live events after the resync');
  });

  it('stops with an error when the agent refuses the credentials (401)', async () => {
    const { client, seen } = open(a.url, `${a.key.slice(0, -1)}x`);
    await until(() => seen.errors.length === 1, 'the refusal');
    expect(seen.errors[0]!.message).to.include('401');
    expect(client.stats.connections).to.equal(0);
  });

  it('notices an agent restart (new epoch) and starts over from its snapshot', async () => {
    const { client, seen } = open(a.url);
    await until(() => seen.snapshots === 1, 'connected');
    const epoch = client.chain.epoch;
    const { port } = a;
    const { dataDir } = a;
    await a.stop();
    a = await startTestAgent({ api: { ws: { replayBufferSize: REPLAY } }, port, dataDir, key: a.key });
    await until(() => client.stats.connections === 2, 'reconnected to the new agent', 10_000);
    expect(client.chain.epoch).to.not.equal(epoch);
    expect(seen.problems.map((p) => p.kind)).to.deep.equal(['epoch-changed']);
    await until(() => seen.snapshots === 2, 'the new agent’s snapshot');
  });
});
