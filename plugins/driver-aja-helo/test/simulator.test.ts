import { expect } from 'chai';
import { spawnSimulator } from '@encoder-manager/sdk/testing';
import { startAjaHeloSimulator, type AjaHeloSimulator } from '../src/index.js';
import { parseCliArgs } from '../src/simulator/cli-args.js';

async function get(sim: AjaHeloSimulator, query: string) {
  const reply = await fetch(`${sim.url}/config?${query}`);
  return { status: reply.status, body: (await reply.json()) as Record<string, unknown> };
}

describe('HELO simulator wire format', () => {
  let sim: AjaHeloSimulator;
  before(async () => (sim = await startAjaHeloSimulator()));
  after(() => sim.close());

  it('answers a get with paramid, name, value (as a string) and value_name', async () => {
    expect(await get(sim, 'action=get&paramid=eParamID_ReplicatorRecordState')).to.deep.equal({
      status: 200,
      body: {
        paramid: '2097225226',
        name: 'eParamID_ReplicatorRecordState',
        value: '1',
        value_name: 'eRRSIdle',
      },
    });
  });

  const rejected: readonly [string, string][] = [
    ['action=get&paramid=eParamID_CPUUsage', "Parameter ID 'eParamID_CPUUsage' not found"],
    ['action=get&paramid=eParamID_Stream1_Duration', "Parameter ID 'eParamID_Stream1_Duration' not found"],
    ['action=set&paramid=eParamID_ReplicatorStreamState&value=2', 'Bad request: this parameter is Read-Only'],
    ['action=set&paramid=eParamID_ReplicatorCommand&value=6', 'Bad request: value must be 0 - 5'],
    ['action=set&paramid=eParamID_ReplicatorCommand&value=x', 'Bad request: value must be an integer'],
    ['action=set&paramid=eParamID_ReplicatorCommand', 'Bad request: paramId and value are required'],
    ['action=put&paramid=eParamID_Temperature', "Bad request: action must be 'get' or 'set'"],
  ];
  for (const [query, error] of rejected) {
    it(`answers 400 "${error}" to ${query}`, async () => {
      expect(await get(sim, query)).to.deep.equal({ status: 400, body: { error } });
    });
  }

  it('answers the control endpoint, and refuses unknown commands with 400', async () => {
    const ok = await fetch(`${sim.url}/__sim`, { method: 'POST', body: 'rrs stream 3' });
    expect(((await ok.json()) as { result: { stream: number } }).result.stream).to.equal(3);
    const bad = await fetch(`${sim.url}/__sim`, { method: 'POST', body: 'fault meltdown' });
    expect(bad.status).to.equal(400);
    expect(((await bad.json()) as { error: string }).error).to.contain('fault must be one of garbled');
    expect(sim.command('help')).to.be.an('array').that.is.not.empty;
  });
});

describe('aja-helo-simulator CLI', () => {
  it('parses flags, and names the flag of a bad value', () => {
    const plan = parseCliArgs([
      '--port',
      '0',
      '--model',
      'helo-plus',
      '--overheat-rate',
      '0.5',
      '--overheat-after',
      '30',
    ]);
    expect(plan.options).to.include({ port: 0, model: 'helo-plus' });
    expect(plan.overheat).to.deep.include({ ratePerSec: 0.5, delayMs: 30_000 });
    expect(() => parseCliArgs(['--temperature', 'hot'])).to.throw('--temperature needs a number, got "hot"');
    expect(() => parseCliArgs(['--fault', 'fire'])).to.throw('--fault must be one of');
  });

  it('starts from bin/, prints where it listens, and takes commands on stdin', async function () {
    this.timeout(15_000);
    const bin = new URL('../bin/aja-helo-simulator.js', import.meta.url);
    const cli = spawnSimulator(bin, ['--port', '0', '--password', 'pw', '--fault', 'link-loss']);
    try {
      const ready = JSON.parse(await cli.nextLine()) as {
        url: string;
        status: Record<string, unknown>;
      };
      expect(ready.status).to.include({ linkLoss: true, model: 'helo' });
      expect((await fetch(`${ready.url}/config?action=get&paramid=eParamID_Temperature`)).status).to.equal(
        404,
      );
      cli.send('temperature 77');
      const reply = JSON.parse(await cli.nextLine()) as { result: { temperatureC: number } };
      expect(reply.result.temperatureC).to.equal(77);
    } finally {
      await cli.stop();
    }
  });
});
