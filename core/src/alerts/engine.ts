import { randomUUID } from 'node:crypto';
import {
  EmError,
  type Alert,
  type AlertsService,
  type CheckResult,
  type Clock,
  type Logger,
  type OwnedScheduler,
  type Silence,
} from '@encoder-manager/sdk';
import type { CoreEventBus } from '../bus/event-bus.js';
import { GROUP_ALERT, groupAlert, groupKeyOf } from './groups.js';
import type { AlertPolicy } from './policy.js';
import { alertIdentity, applyResult, type AlertRecord, type StateChange } from './record.js';
import type { AlertRepository } from './repository.js';
import { scheduleProblem } from './silences.js';
import { suppressionOf } from './suppression.js';

/** How often suppression is re-evaluated (silences ending, parents recovering, flapping stopping). */
const REEVALUATE_MS = 5000;

/**
 * Turns `check.result` events into alerts: state machine per fingerprint, suppression (silences,
 * inhibition, groups, flapping), persistence with transactional participants, and `alert.*` events.
 */
export class AlertEngine implements AlertsService {
  readonly #records = new Map<string, AlertRecord>();
  #silences: Silence[] = [];

  constructor(
    private readonly repository: AlertRepository,
    private readonly bus: CoreEventBus,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly policy: AlertPolicy,
  ) {}

  /** Restores open alerts and silences, then follows check results. */
  async start(scheduler: OwnedScheduler): Promise<void> {
    for (const record of await this.repository.loadOpen()) this.#records.set(record.fingerprint, record);
    this.#silences = await this.repository.silences();
    this.bus.subscribe('core', 'check.result', (event) => this.handle(event.payload as CheckResult), {
      queueSize: 10_000,
    });
    scheduler.every('alerts:reevaluate', { intervalMs: REEVALUATE_MS, runImmediately: false }, () =>
      this.reevaluate(),
    );
  }

  /** Applies one check result. */
  async handle(result: CheckResult): Promise<void> {
    const current = this.#records.get(alertIdentity(result).fingerprint);
    const groupable = current
      ? groupKeyOf(current, this.policy) !== undefined
      : this.policy.groupBy.every((l) => result.labels[l] !== undefined);
    const forMs =
      this.policy.forMs + (groupable && this.policy.groupBy.length > 0 ? this.policy.groupWaitMs : 0);
    const { record, change } = applyResult(current, result, this.policy, forMs);
    if (!record) return;
    // The group forms before the member's own firing is recorded, so the member is already muted by it.
    if (change?.to === 'firing') await this.#formGroup(record);
    await this.#commit(record, change);
  }

  /** Re-derives suppression of open alerts; announces alerts whose suppression just lifted. */
  async reevaluate(): Promise<void> {
    for (const record of [...this.#records.values()]) {
      if (record.state === 'resolved') continue;
      if (record.name === GROUP_ALERT && !this.#membersFailing(record)) {
        await this.#commit(
          { ...record, state: 'resolved', endsAt: this.clock.now() },
          { from: 'firing', to: 'resolved' },
        );
        continue;
      }
      const verdict = this.#suppression(record);
      if (verdict.by !== record.suppressedBy || verdict.ref !== record.suppressedByRef)
        await this.#commit(record, undefined);
    }
  }

  open(): Alert[] {
    return [...this.#records.values()]
      .filter((r) => r.state !== 'resolved')
      .sort((a, b) => b.startsAt - a.startsAt)
      .map(publicAlert);
  }

  get(fingerprint: string): Alert | undefined {
    const record = this.#records.get(fingerprint);
    return record ? publicAlert(record) : undefined;
  }

  history: AlertsService['history'] = (query) => this.repository.history(query);

  async acknowledge(fingerprint: string, by: string): Promise<Alert> {
    const record = this.#records.get(fingerprint);
    if (!record || record.state === 'resolved')
      throw new EmError('EM_CONFIG_INVALID', `no open alert ${fingerprint}`, {
        hint: 'List open alerts first.',
      });
    const acknowledged = { ...record, acknowledgedBy: by, acknowledgedAt: this.clock.now() };
    await this.#commit(acknowledged, undefined);
    this.bus.publish('core', 'alert.acknowledged', publicAlert(acknowledged));
    return publicAlert(acknowledged);
  }

  silences = async (): Promise<Silence[]> => [...this.#silences];

  async putSilence(input: Omit<Silence, 'id'> & { id?: string }): Promise<Silence> {
    const problem = input.schedule ? scheduleProblem(input.schedule) : undefined;
    if (problem)
      throw new EmError('EM_CONFIG_INVALID', `silence: ${problem}`, {
        hint: 'Use a 5-field cron expression and an IANA zone.',
      });
    const silence: Silence = { ...input, id: input.id ?? randomUUID() };
    await this.repository.putSilence(silence);
    this.#silences = [...this.#silences.filter((s) => s.id !== silence.id), silence];
    await this.reevaluate();
    return silence;
  }

  async deleteSilence(id: string): Promise<boolean> {
    this.#silences = this.#silences.filter((silence) => silence.id !== id);
    const deleted = await this.repository.deleteSilence(id);
    await this.reevaluate();
    return deleted;
  }

  async #formGroup(member: AlertRecord): Promise<void> {
    const key = groupKeyOf(member, this.policy);
    if (!key) return;
    const others = [...this.#records.values()].filter(
      (r) =>
        r.fingerprint !== member.fingerprint && r.state !== 'resolved' && groupKeyOf(r, this.policy) === key,
    );
    const members = [...others, member];
    if (members.length < this.policy.groupMin) return;
    const previous = [...this.#records.values()].find(
      (r) => r.name === GROUP_ALERT && r.labels.group === key,
    );
    const group = groupAlert(key, members, this.policy, this.clock.now(), previous);
    await this.#commit(
      group,
      previous?.state === 'firing' ? undefined : { from: previous?.state ?? null, to: 'firing' },
    );
    for (const other of others) await this.#commit(other, undefined);
  }

  #membersFailing(group: AlertRecord): boolean {
    return (group.members ?? []).some((fp) =>
      ['pending', 'firing'].includes(this.#records.get(fp)?.state ?? 'resolved'),
    );
  }

  #suppression(record: AlertRecord) {
    const key = groupKeyOf(record, this.policy);
    const group = key
      ? [...this.#records.values()].find(
          (r) =>
            r.name === GROUP_ALERT &&
            r.state === 'firing' &&
            r.labels.group === key &&
            r.members?.includes(record.fingerprint),
        )
      : undefined;
    const firing = [...this.#records.values()].filter((r) => r.state === 'firing');
    return suppressionOf(record, {
      silences: this.#silences,
      firing,
      rules: this.policy.inhibitRules,
      groupRef: group?.fingerprint,
      now: this.clock.now(),
    });
  }

  async #commit(record: AlertRecord, requested: StateChange | undefined): Promise<void> {
    const verdict = this.#suppression(record);
    const next: AlertRecord = { ...record, suppressedBy: verdict.by, suppressedByRef: verdict.ref };
    const before = this.#records.get(record.fingerprint);
    // A firing alert whose silence/inhibition/group/flapping just ended is announced now.
    const lifted =
      !requested && next.state === 'firing' && before?.suppressedBy !== undefined && verdict.by === undefined;
    const change = lifted ? ({ from: 'firing', to: 'firing' } as const) : requested;
    // Memory follows the database: if the transaction (or a participant) fails, the next result retries.
    await this.repository.save(next, change, this.clock.now());
    this.#records.set(next.fingerprint, next);
    // A resolved alert stays in memory while its recent results still matter for flap detection.
    if (next.state === 'resolved' && !next.flapHistory.includes('x')) this.#records.delete(next.fingerprint);
    if (change?.to === 'firing') this.bus.publish('core', 'alert.firing', publicAlert(next));
    if (change?.to === 'resolved' && change.from === 'firing')
      this.bus.publish('core', 'alert.resolved', publicAlert(next));
    if (change)
      this.log.info(
        {
          alert: next.name,
          fingerprint: next.fingerprint,
          from: change.from,
          to: change.to,
          suppressedBy: next.suppressedBy,
        },
        next.summary,
      );
  }
}

function publicAlert(record: AlertRecord): Alert {
  const { flapHistory: _history, okSince: _okSince, ...alert } = record;
  return alert;
}
