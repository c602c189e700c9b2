import type { CheckStatus, Clock, EventBus, Logger, StreamStateEvent } from '@encoder-manager/sdk';
import { toMeeting } from '../model.js';
import type { LiveLink } from '../settings.js';
import type { MeetingsTable } from '../store/meetings-table.js';
import { closedResult, liveResult } from './messages.js';
import { startEncoderAtPreRoll, type PreRollDeps } from './pre-roll.js';
import { watchesFor, type Watch } from './window.js';

const DAY_MS = 24 * 60 * 60_000;

/** What the should-be-live check needs. */
export interface WatcherDeps {
  readonly meetings: MeetingsTable;
  readonly links: readonly LiveLink[];
  readonly clock: Clock;
  readonly bus: EventBus;
  readonly log: Logger;
  readonly defaultDurationMin: number;
  /** How far past pre-roll to load meetings: one check interval, so none opens between two loads. */
  readonly lookaheadMs: number;
  readonly preRoll: PreRollDeps;
}

/**
 * The should-be-live check. From pre-roll until the meeting ends (plus post-roll) each linked stream must
 * be publishing, as the ingest reports in `stream.state`; otherwise `check.result` `meeting-live` is
 * published on every evaluation — `warning` before the start, `critical` after it — and one `ok` when it
 * recovers or the meeting is over. `meeting.starting` goes out when pre-roll begins (the encoder is
 * started then if the link says so), `meeting.ended` when the window closes. A stream never reported
 * counts as not publishing.
 */
export class LiveWatcher {
  #watches = new Map<string, Watch>();
  readonly #publishing = new Map<string, boolean>();
  readonly #announced = new Set<string>();
  readonly #last = new Map<string, CheckStatus>();
  /** Closed watches and their start, so a reload does not open them again; pruned after a day. */
  readonly #closed = new Map<string, number>();
  readonly #pending = new Set<Promise<void>>();

  constructor(private readonly deps: WatcherDeps) {}

  /** Reloads the meetings near now, then evaluates every watch. */
  async tick(): Promise<void> {
    const now = this.deps.clock.now();
    await this.#reload(now);
    this.#evaluate([...this.#watches.values()], now);
  }

  /** Records what the ingest sees and re-evaluates the watches on that stream at once. */
  onStreamState(event: StreamStateEvent): void {
    this.#publishing.set(event.stream, event.publishing);
    const affected = [...this.#watches.values()].filter((w) => w.link.stream === event.stream);
    this.#evaluate(affected, this.deps.clock.now());
  }

  /** Resolves when pre-roll encoder starts in flight have finished. */
  async idle(): Promise<void> {
    await Promise.all([...this.#pending]);
  }

  async #reload(now: number): Promise<void> {
    const maxPreRoll = Math.max(0, ...this.deps.links.map((l) => l.preRollMs));
    const meetings = await this.deps.meetings.startingBetween(
      now - DAY_MS,
      now + maxPreRoll + this.deps.lookaheadMs,
    );
    const fresh = new Map(
      watchesFor(meetings, this.deps.links, this.deps.defaultDurationMin).map((w) => [w.key, w]),
    );
    for (const [key, old] of this.#watches) if (!fresh.has(key)) this.#close(old, 'called-off', now);
    this.#watches = fresh;
    for (const [key, startsAt] of this.#closed) if (startsAt < now - 2 * DAY_MS) this.#closed.delete(key);
  }

  #evaluate(watches: readonly Watch[], now: number): void {
    for (const watch of watches) {
      if (now < watch.opensAt || this.#closed.has(watch.key)) continue;
      if (now >= watch.closesAt) {
        this.#close(watch, 'ended', now);
        continue;
      }
      this.#open(watch, now);
      this.#judge(watch, now);
    }
  }

  #open(watch: Watch, now: number): void {
    if (this.#announced.has(watch.key)) return;
    this.#announced.add(watch.key);
    this.deps.bus.publish('meeting.starting', { meeting: toMeeting(watch.meeting), at: now });
    const started = startEncoderAtPreRoll(watch, this.deps.preRoll).finally(() =>
      this.#pending.delete(started),
    );
    this.#pending.add(started);
  }

  #judge(watch: Watch, now: number): void {
    const result = liveResult(watch, this.#publishing.get(watch.link.stream) === true, now);
    const previous = this.#last.get(watch.key);
    // Problems repeat on every evaluation (alert `for` durations need them); ok is sent once per recovery.
    if (result.status !== 'ok' || previous !== 'ok') this.deps.bus.publish('check.result', result);
    this.#last.set(watch.key, result.status);
  }

  #close(watch: Watch, reason: 'ended' | 'called-off', now: number): void {
    if (this.#closed.has(watch.key)) return;
    const previous = this.#last.get(watch.key);
    if (previous !== undefined && previous !== 'ok')
      this.deps.bus.publish('check.result', closedResult(watch, reason, now));
    if (this.#announced.has(watch.key) && reason === 'ended') {
      this.deps.bus.publish('meeting.ended', { meeting: toMeeting(watch.meeting), at: now });
    }
    this.#announced.delete(watch.key);
    this.#last.delete(watch.key);
    // A called-off meeting may be listed again later; an ended one must not reopen.
    if (reason === 'ended') this.#closed.set(watch.key, watch.startsAt);
  }
}
