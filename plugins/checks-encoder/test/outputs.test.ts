import { expect } from 'chai';
import type { EncoderOutput, EncoderSample } from '@encoder-manager/sdk';
import { checkNamed, last, record, run, sample, stream, T0, unreachable } from './helpers.js';

const EVERY = 5000;

/** Samples every 5 s whose outputs follow the given list, one entry per sample. */
function outputsOver(...steps: (readonly EncoderOutput[])[]): EncoderSample[] {
  return steps.map((outputs, i) => sample(T0 + i * EVERY, { cpuPct: 30 }, outputs));
}

function repeat<T>(times: number, value: T): T[] {
  return Array.from({ length: times }, () => value);
}

describe('output-state check', () => {
  const outputState = (raw: unknown = {}) => checkNamed('output-state', raw);
  const always = { outputs: { expectActive: ['stream'] } };

  it('reports each output with subject encoder/output and an output label', () => {
    const results = last(outputState(), outputsOver([stream('active', 4500), record('idle')]));
    expect(results.map((r) => [r.subject, r.status, r.message])).to.deep.equal([
      ['enc-1/stream', 'ok', 'stream active'],
      ['enc-1/record', 'ok', 'record idle (device says IDLE), not expected on air'],
    ]);
    expect(results[0]!.labels).to.deep.equal({
      encoder: 'enc-1',
      family: 'simulated',
      site: 'city-hall',
      output: 'stream',
    });
  });

  const table: {
    name: string;
    steps: (readonly EncoderOutput[])[];
    raw?: unknown;
    output?: string;
    status: string;
    message: string;
  }[] = [
    {
      name: 'an always-on stream that failed is critical',
      steps: [[stream('failed', 0, 'RECONNECTING')]],
      raw: always,
      status: 'critical',
      message: 'stream failed (device says RECONNECTING) — it must always be active',
    },
    {
      name: 'a stream that was active and now reconnects is critical',
      steps: [
        ...repeat(12, [stream('active', 4500)]),
        [stream('reconnecting', 0, 'OBS_WEBSOCKET_OUTPUT_RECONNECTING')],
      ],
      status: 'critical',
      message: 'stream reconnecting (device says OBS_WEBSOCKET_OUTPUT_RECONNECTING) — it was active 5 s ago',
    },
    {
      name: 'a stream that was active and went idle is a warning (may have been stopped on purpose)',
      steps: [...repeat(12, [stream('active', 4500)]), ...repeat(12, [stream('idle', 0, 'eRRSIdle')])],
      status: 'warning',
      message: 'stream idle (device says eRRSIdle) — it was active 60 s ago',
    },
    {
      name: 'an always-on stream that is idle is critical',
      steps: [[stream('idle', 0, 'READY')]],
      raw: always,
      status: 'critical',
      message: 'stream idle (device says READY) — it must always be active',
    },
    {
      name: 'a degraded (congested) stream is a warning',
      steps: [[stream('degraded', 2100, 'CONGESTED')]],
      raw: always,
      status: 'warning',
      message: 'stream degraded (device says CONGESTED) — on air but unhealthy',
    },
    {
      name: 'a failed record output nobody asked for is a warning, not critical (AJA eRRSFailingInIdle)',
      steps: [[stream('active', 4500), record('failed', 'eRRSFailingInIdle')]],
      output: 'record',
      status: 'warning',
      message: 'record failed (device says eRRSFailingInIdle) — not expected on air',
    },
    {
      name: 'a stream starting for a short while is ok',
      steps: repeat(3, [stream('starting', 0, 'Connecting')]),
      raw: always,
      status: 'ok',
      message: 'stream starting (device says Connecting)',
    },
    {
      name: 'a stream stuck starting longer than startingTimeoutSec is a warning',
      steps: repeat(8, [stream('starting', 0, 'Connecting')]),
      raw: always,
      status: 'warning',
      message: 'stream starting (device says Connecting) for 35 s, longer than 30 s',
    },
    {
      name: 'an always-on output in an unknown state is unknown (the check cannot tell)',
      steps: [[stream('unknown', undefined, '7')]],
      raw: always,
      status: 'unknown',
      message: 'stream unknown (device says 7): cannot tell whether it is on air — it must always be active',
    },
    {
      name: 'learning can be turned off: an output idle after being active is then just idle',
      steps: [...repeat(3, [stream('active', 4500)]), [stream('idle', 0)]],
      raw: { outputs: { learnFromHistory: false } },
      status: 'ok',
      message: 'stream idle (device says IDLE), not expected on air',
    },
  ];
  for (const { name, steps, raw, output = 'stream', status, message } of table) {
    it(name, () => {
      const result = last(outputState(raw), outputsOver(...steps)).find(
        (r) => r.subject === `enc-1/${output}`,
      );
      expect(result).to.include({ status, message });
    });
  }

  it('an output seen active only before the history window is no longer expected (the alert can clear)', () => {
    const steps = [[stream('active', 4500)], ...repeat(125, [stream('idle', 0)])];
    const statuses = run(outputState(), outputsOver(...steps)).map((r) => r[0]!.status);
    expect(statuses[1]).to.equal('warning');
    expect(statuses.at(-1)).to.equal('ok');
  });

  it('a configured always-on output the encoder does not report is unknown, naming what it does report', () => {
    const results = last(
      outputState({ outputs: { expectActive: ['program'] } }),
      outputsOver([stream('active', 4500)]),
    );
    expect(results.find((r) => r.subject === 'enc-1/program')).to.include({
      status: 'unknown',
      message:
        'program must always be active but the encoder reports no output "program" (outputs: stream) — check outputs.expectActive',
    });
  });

  it('says nothing while the encoder is unreachable (reachability reports that)', () => {
    expect(last(outputState(always), [sample(T0, {}), unreachable(T0 + EVERY)])).to.deep.equal([]);
  });
});

describe('reachability check', () => {
  const reachability = (raw: unknown = {}) => checkNamed('reachability', raw);

  it('is ok while the encoder answers', () => {
    expect(last(reachability(), [sample(T0, {})])[0]).to.include({
      check: 'reachability',
      subject: 'enc-1',
      status: 'ok',
      message: 'answering',
    });
  });

  it("is critical with the driver's error code and message, and how long it has lasted", () => {
    const samples = [
      sample(T0, {}),
      unreachable(T0 + 5000),
      unreachable(T0 + 10_000, 'EM_DRIVER_UNREACHABLE', 'connect ECONNREFUSED 10.0.0.20:80'),
    ];
    const result = last(reachability(), samples)[0]!;
    expect(result).to.include({
      status: 'critical',
      message: 'not answering for 5 s (EM_DRIVER_UNREACHABLE: connect ECONNREFUSED 10.0.0.20:80)',
    });
    expect(result.labels.encoder).to.equal('enc-1');
    expect(last(reachability(), [unreachable(T0)])[0]!.message).to.equal(
      'not answering (EM_DRIVER_TIMEOUT: no answer within 2000 ms)',
    );
  });

  it('can report warning instead, e.g. for a spare encoder', () => {
    const raw = {
      overrides: [{ match: { labels: { role: 'spare' } }, reachability: { severity: 'warning' } }],
    };
    const result = last(reachability(raw), [unreachable(T0)], { encoder: 'enc-1', role: 'spare' })[0]!;
    expect(result.status).to.equal('warning');
  });
});
