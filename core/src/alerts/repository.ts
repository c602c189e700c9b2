import type { Knex } from 'knex';
import type {
  AlertHistoryEntry,
  AlertHistoryQuery,
  AlertTransitionParticipant,
  Silence,
} from '@encoder-manager/sdk';
import { scopedTx } from '../store/plugin-store.js';
import type { AlertRecord, StateChange } from './record.js';
import {
  fromAlertRow,
  fromSilenceRow,
  toAlertRow,
  toSilenceRow,
  type AlertRow,
  type SilenceRow,
} from './rows.js';

/** Participants with the plugin that provided each, so their writes stay in their own tables. */
export type Participants = () => readonly { owner: string; implementation: AlertTransitionParticipant }[];

/** Persists alerts, transitions and silences; transitions commit together with every participant's rows. */
export class AlertRepository {
  constructor(
    private readonly db: Knex,
    private readonly participants: Participants,
  ) {}

  async loadOpen(): Promise<AlertRecord[]> {
    const rows = (await this.db('core_alerts').whereIn('state', ['pending', 'firing'])) as AlertRow[];
    return rows.map(fromAlertRow);
  }

  /** Saves the alert; with a state change, also the transition and the participants' rows, atomically. */
  async save(record: AlertRecord, change: StateChange | undefined, at: number): Promise<void> {
    await this.db.transaction(async (trx) => {
      await trx('core_alerts').insert(toAlertRow(record, at)).onConflict('fingerprint').merge();
      if (!change) return;
      await trx('core_alert_transitions').insert({
        fingerprint: record.fingerprint,
        name: record.name,
        from_state: change.from,
        to_state: change.to,
        severity: record.severity,
        suppressed_by: record.suppressedBy ?? null,
        at,
      });
      for (const { owner, implementation } of this.participants()) {
        await implementation.record(
          { alert: record, previous: change.from ?? undefined, at },
          scopedTx(trx, owner),
        );
      }
    });
  }

  async history(query: AlertHistoryQuery): Promise<AlertHistoryEntry[]> {
    let builder = this.db('core_alert_transitions')
      .orderBy('id', 'desc')
      .limit(Math.min(query.limit ?? 100, 1000));
    if (query.fingerprint) builder = builder.where('fingerprint', query.fingerprint);
    if (query.since !== undefined) builder = builder.where('at', '>=', query.since);
    const rows = (await builder) as {
      fingerprint: string;
      name: string;
      from_state: string | null;
      to_state: string;
      severity: string;
      suppressed_by: string | null;
      at: number | string;
    }[];
    return rows.map((row) => ({
      fingerprint: row.fingerprint,
      name: row.name,
      from: row.from_state as AlertHistoryEntry['from'],
      to: row.to_state as AlertHistoryEntry['to'],
      severity: row.severity,
      suppressedBy: row.suppressed_by ?? undefined,
      at: Number(row.at),
    }));
  }

  async silences(): Promise<Silence[]> {
    return ((await this.db('core_silences').orderBy('id')) as SilenceRow[]).map(fromSilenceRow);
  }

  async putSilence(silence: Silence): Promise<void> {
    await this.db('core_silences').insert(toSilenceRow(silence)).onConflict('id').merge();
  }

  async deleteSilence(id: string): Promise<boolean> {
    return (await this.db('core_silences').where({ id }).delete()) > 0;
  }
}
