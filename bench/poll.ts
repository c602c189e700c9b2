// `npm run bench -- poll [sizes…] [--seconds N] [--warmup N] [--no-pin] [--jitter MS] [--cpu-prof DIR]`: the real core EncoderPoller
// polling N real Matrox Monarch drivers (HTTP Basic, one GetStatus per poll) at 1 Hz, against simulated
// Monarchs (real HTTP servers, one 127.0.0.1 port each) run in separate processes. Prints encoders polled
// per second and event-loop lag p50/p99 for each size. Target: 5,000 at 1 Hz on one core, lag p99 < 50 ms.
// --jitter MS sets polling.jitterMs (default 1000, the whole interval; the agent's default is 250 of 5000).
// --cpu-prof DIR writes DIR/poll-<size>.cpuprofile, a V8 profile of each measured window (the profiler
// itself costs CPU, so figures printed with it run a little worse).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg, totalmem } from 'node:os';
import { canPin, pinSelf, startFleet } from './helpers/poll-fleet-process.js';
import { runRound, type RoundResult } from './helpers/poll-round.js';

const DEFAULT_SIZES = [500, 2000, 5000];
const MAX_ENCODERS = 10_000;
const MAX_SECONDS = 60;
const LAG_TARGET_MS = 50;

interface Plan {
  readonly sizes: number[];
  readonly measureMs: number;
  readonly warmupMs: number;
  readonly pin: boolean;
  readonly jitterMs: number;
  readonly profileDir?: string;
}

function parseArgs(args: readonly string[]): Plan {
  const plan: { -readonly [K in keyof Plan]: Plan[K] } = {
    sizes: [],
    measureMs: 12_000,
    warmupMs: 5000,
    pin: true,
    jitterMs: 1000,
  };
  const seconds = (flag: string, value: string | undefined) => {
    const n = Number(value);
    if (!(n > 0 && n <= MAX_SECONDS)) throw new Error(`${flag} takes seconds between 1 and ${MAX_SECONDS}`);
    return n * 1000;
  };
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (arg === '--seconds') plan.measureMs = seconds(arg, args[++i]);
    else if (arg === '--warmup') plan.warmupMs = seconds(arg, args[++i]);
    else if (arg === '--no-pin') plan.pin = false;
    else if (arg === '--cpu-prof' && args[i + 1]) plan.profileDir = args[++i];
    else if (arg === '--jitter' && /^\d+$/.test(args[i + 1] ?? '')) plan.jitterMs = Number(args[++i]);
    else if (/^\d+$/.test(arg) && Number(arg) >= 1 && Number(arg) <= MAX_ENCODERS)
      plan.sizes.push(Number(arg));
    else
      throw new Error(
        `unknown argument "${arg}": give sizes 1–${MAX_ENCODERS}, --seconds, --warmup, --no-pin, --jitter MS or --cpu-prof DIR`,
      );
  }
  if (plan.sizes.length === 0) plan.sizes = DEFAULT_SIZES;
  return plan;
}

const n = (value: number, digits = 0) =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function describe(r: RoundResult): string {
  const perSecond = r.polls / r.seconds;
  const failed = [...r.failures].map(([code, { count }]) => `${code}×${count}`).join(' ') || '0 failed';
  const examples = [...r.failures].map(([code, { example }]) => `        e.g. ${code}: ${example}`);
  const cpuPct = (ms: number) => n((ms / (r.seconds * 1000)) * 100);
  const cpuPerPollUs = (r.agentCpuMs * 1000) / Math.max(1, r.polls);
  const lagMet = r.lagMs.samples > 0 && r.lagMs.p99 < LAG_TARGET_MS;
  const meets = perSecond >= r.encoders * 0.95 && r.reachable === r.polls && lagMet;
  return [
    `${n(r.encoders).padStart(6)} encoders: ${n(perSecond).padStart(6)} polls/s (${n(r.reachable / r.seconds)} reachable/s, ${failed})`,
    ...examples,
    `        ${describeLag(r)}; loop utilization ${n(r.loopUtilization * 100)}%; ${describeRoundTrip(r)}`,
    `        agent process CPU (all threads) ${cpuPct(r.agentCpuMs)}% (${n(cpuPerPollUs)} µs per poll), simulators CPU ${cpuPct(r.fleetCpuMs)}%, load average ${n(r.loadAvg, 1)}`,
    `        TCP connections opened ${n(r.connections.opened)} (${n(r.connections.open)} open), RSS ${n(r.rssMb)} MB, set-up ${n(r.setupMs)} ms, bus drops ${r.dropped}`,
    `        target (≥95% of ${n(r.encoders)}/s, all reachable, lag p99 < ${LAG_TARGET_MS} ms): ${meets ? 'met' : 'NOT met'}`,
  ].join('\n');
}

function describeRoundTrip(r: RoundResult): string {
  if (r.reachable === 0) return 'no poll answered';
  return `answered-poll round trip p50 ${n(r.pollMs.p50)} ms, p99 ${n(r.pollMs.p99)} ms`;
}

function describeLag({ lagMs }: RoundResult): string {
  if (lagMs.samples === 0)
    return 'event-loop lag: no samples (the loop never reached its timers in the window)';
  return `event-loop lag p50 ${n(lagMs.p50, 1)} ms, p99 ${n(lagMs.p99, 1)} ms, max ${n(lagMs.max, 1)} ms`;
}

/** Pins the agent to CPU 0 and the simulators to the other CPUs, so the agent has exactly one core. */
function placement(pin: boolean): { fleetCpus?: string; processes: number; note: string } {
  const cores = cpus().length;
  if (!pin || cores < 2 || !canPin())
    return { processes: 2, note: 'not pinned: the agent and the simulators share every CPU' };
  pinSelf('0');
  const fleetCpus = cores === 2 ? '1' : `1-${cores - 1}`;
  return {
    fleetCpus,
    processes: Math.min(3, cores - 1),
    note: `agent pinned to CPU 0 (all threads), simulators to CPU ${fleetCpus}`,
  };
}

export async function run(args: string[]): Promise<void> {
  const plan = parseArgs(args);
  const { fleetCpus, processes, note } = placement(plan.pin);
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  process.stdout.write(
    `poll bench: core EncoderPoller + driver-matrox-monarch (GetStatus over HTTP Basic) at 1 Hz, jitter ${plan.jitterMs} ms\n` +
      `machine: ${cpus().length} × ${cpu}, ${n(totalmem() / 2 ** 30)} GiB RAM, node ${process.version} (undici ${process.versions.undici}), ${process.platform}/${process.arch}, load average ${loadavg()
        .map((l) => n(l, 1))
        .join(' ')}\n` +
      `${note}; ${processes} simulator process(es); warm-up ${plan.warmupMs / 1000} s, measured ${plan.measureMs / 1000} s per size\n`,
  );
  if (plan.profileDir) mkdirSync(plan.profileDir, { recursive: true });
  const fleet = await startFleet(Math.max(...plan.sizes), processes, fleetCpus);
  try {
    process.stdout.write(
      `started ${n(fleet.ports.length)} simulated Monarchs on 127.0.0.1 (pids ${fleet.pids.join(', ')})\n\n`,
    );
    for (const encoders of plan.sizes) {
      const result = await runRound({
        encoders,
        ports: fleet.ports,
        warmupMs: plan.warmupMs,
        measureMs: plan.measureMs,
        fleetCpuMs: fleet.cpuMs,
        jitterMs: plan.jitterMs,
        cpuProfile: plan.profileDir && join(plan.profileDir, `poll-${encoders}.cpuprofile`),
      });
      process.stdout.write(`${describe(result)}\n`);
    }
  } finally {
    await fleet.stop();
  }
}
