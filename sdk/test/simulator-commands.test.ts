import { parseArgs } from 'node:util';
import { expect } from 'chai';
import {
  commandReply,
  numberArg,
  oneOf,
  optionalNumberFlag,
  runSimulatorCommand,
  simulatorFlags,
  standardSimulatorCommands,
  wholeNumberFlag,
  type SimulatorCommands,
} from '../src/simulator/index.js';

type Fault = 'slow' | 'garbled';

/** A simulator that records what the commands did. */
function fakeSimulator() {
  const calls: string[] = [];
  return {
    calls,
    setOutput: (id: string, state: 'idle' | 'active') => void calls.push(`output ${id} ${state}`),
    inject: (fault: Fault) => void calls.push(`fault ${fault}`),
    clearFaults: () => void calls.push('clear'),
    status: () => ({ calls: calls.length }),
    reboot: () => 'rebooting',
  };
}
type Fake = ReturnType<typeof fakeSimulator>;

const COMMANDS: SimulatorCommands<Fake> = {
  ...standardSimulatorCommands<Fault, Fake>(['slow', 'garbled'], ['help line']),
  reboot: (sim) => sim.reboot(),
};

describe('simulator commands', () => {
  it('runs the standard commands, answering with the status when a command returns nothing', () => {
    const sim = fakeSimulator();
    expect(runSimulatorCommand(COMMANDS, sim, ' output stream active ')).to.deep.equal({ calls: 1 });
    expect(runSimulatorCommand(COMMANDS, sim, 'fault slow')).to.deep.equal({ calls: 2 });
    expect(runSimulatorCommand(COMMANDS, sim, 'clear')).to.deep.equal({ calls: 3 });
    expect(runSimulatorCommand(COMMANDS, sim, 'reboot')).to.equal('rebooting');
    expect(runSimulatorCommand(COMMANDS, sim, 'help')).to.deep.equal(['help line']);
    expect(sim.calls).to.deep.equal(['output stream active', 'fault slow', 'clear']);
  });

  it('refuses unknown verbs and bad arguments with a RangeError naming them', () => {
    const sim = fakeSimulator();
    expect(() => runSimulatorCommand(COMMANDS, sim, 'toString')).to.throw(
      RangeError,
      'unknown command "toString"; commands: help, status, output, fault, clear, reboot',
    );
    expect(() => runSimulatorCommand(COMMANDS, sim, 'output stream on')).to.throw(
      'state must be one of idle, active; got "on"',
    );
    expect(() => runSimulatorCommand(COMMANDS, sim, 'fault melt')).to.throw(
      'fault must be one of slow, garbled',
    );
    expect(sim.calls).to.deep.equal([]);
  });

  it('wraps a command outcome as the reply the control endpoint and the CLI send', () => {
    expect(commandReply(() => 42, 'x')).to.deep.equal({ ok: true, result: 42 });
    expect(
      commandReply(() => {
        throw new RangeError('bad');
      }, 'x'),
    ).to.deep.equal({ ok: false, error: 'bad' });
  });

  it('parses number arguments, with an optional lower bound', () => {
    expect(numberArg('-2.5', 'value')).to.equal(-2.5);
    expect(() => numberArg(undefined, 'value')).to.throw('value must be a number; got ""');
    expect(() => numberArg('x', 'count', { min: 0 })).to.throw('count must be a number ≥ 0; got "x"');
    expect(() => numberArg('-1', 'count', { min: 0 })).to.throw('count must be a number ≥ 0; got "-1"');
    expect(oneOf('b', ['a', 'b'] as const, '--x')).to.equal('b');
  });
});

describe('simulator CLI flags', () => {
  it('parses the shared flags with their defaults, each call with its own fault list', () => {
    const { values } = parseArgs({ args: ['--fault', 'slow'], options: simulatorFlags() });
    expect(values).to.deep.include({ port: '8080', host: '127.0.0.1', fault: ['slow'] });
    expect(parseArgs({ args: [], options: simulatorFlags() }).values.fault).to.deep.equal([]);
  });

  it('names the flag of a bad number', () => {
    expect(optionalNumberFlag(undefined, '--slow-ms')).to.equal(undefined);
    expect(optionalNumberFlag('250', '--slow-ms')).to.equal(250);
    expect(() => optionalNumberFlag('soon', '--slow-ms')).to.throw('--slow-ms needs a number, got "soon"');
    expect(wholeNumberFlag('--port', '8080')).to.equal(8080);
    expect(() => wholeNumberFlag('--port', '80.5')).to.throw('--port 80.5: expected a whole number ≥ 0');
    expect(() => wholeNumberFlag('--port', '-1')).to.throw('--port -1: expected a whole number ≥ 0');
  });
});
