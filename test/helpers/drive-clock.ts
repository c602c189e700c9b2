import type { FakeClock } from '@encoder-manager/sdk/testing';
import type { NotifyAgent } from './notify-agent.js';

/** How {@link driveClock} moves time. */
export interface DriveOptions {
  /** Fake time to move in all, at most. */
  readonly totalMs: number;
  /** Fake time per step; keep it near the worker's poll interval. */
  readonly stepMs: number;
  /** Stop early once this holds (checked after each step). */
  readonly until?: () => Promise<boolean>;
  /** Worker ids of dead agents: their claims end with their lease, not with a send, so no one waits. */
  readonly deadWorkers?: readonly string[];
}

/**
 * Moves an agent's FakeClock forward step by step. After each step it waits (in real time) until the
 * worker has caught up, so the real I/O a worker run started (database, SMTP, HTTP) finishes before
 * fake time moves on — otherwise a send's fake-clock deadline could expire while the real send is still
 * on the wire, and runs overlapping fake ticks would be skipped. Use the worker's poll interval as the
 * step. Resolves to the fake time moved; rejects if a send never settles.
 */
export async function driveClock(
  clock: FakeClock,
  station: NotifyAgent,
  options: DriveOptions,
): Promise<number> {
  let moved = 0;
  const dead = new Set(options.deadWorkers ?? []);
  while (moved < options.totalMs) {
    await clock.advance(options.stepMs);
    moved += options.stepMs;
    await settle(clock, station, dead);
    if (options.until && (await options.until())) return moved;
  }
  return moved;
}

/**
 * Waits until the worker has caught up with fake time: no row is being sent and no pending row is due.
 * A due row can stay unclaimed when a tick was skipped (the previous run overlapped it); after 150 ms
 * the next step's tick picks it up instead.
 */
async function settle(clock: FakeClock, station: NotifyAgent, dead: Set<string>): Promise<void> {
  const started = Date.now();
  for (;;) {
    await station.agent.bus.idle();
    const { sending, due } = await outboxWork(station, clock.now(), dead);
    if (sending === 0 && due === 0) return;
    const waited = Date.now() - started;
    if (sending === 0 && waited > 150) return;
    if (waited > 10_000) throw new Error('an outbox send did not settle within 10 s (real time)');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

type WorkRow = { id: string; status: string; claimed_by: string | null; claimed_until: unknown };

async function outboxWork(
  station: NotifyAgent,
  now: number,
  dead: Set<string>,
): Promise<{ sending: number; due: number }> {
  const rows = (await station.agent.database
    .knex('notifications_outbox')
    .where({ status: 'sending' })
    .orWhere((q) => void q.where({ status: 'pending' }).andWhere('next_attempt_at', '<=', now))
    .select('id', 'status', 'claimed_by', 'claimed_until')) as WorkRow[];
  // A dead agent's claim is nobody's work until its lease runs out; from then on it is due to be taken over.
  const isDead = (row: WorkRow) => row.claimed_by !== null && dead.has(row.claimed_by);
  const takeover = rows.filter((row) => isDead(row) && Number(row.claimed_until) <= now).length;
  const ours = rows.filter((row) => !isDead(row));
  const sending = ours.filter((row) => row.status === 'sending').length;
  return { sending, due: ours.length - sending + takeover };
}
