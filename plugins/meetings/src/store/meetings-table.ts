import type { Knex } from 'knex';
import type { MeetingQuery, PluginStore, PluginStoreTx } from '@encoder-manager/sdk';
import type { TrackedMeeting } from '../model.js';
import { fromRow, toRow } from './meeting-rows.js';

type Row = Record<string, unknown>;

const DEFAULT_LIMIT = 500;

/** `meetings_meetings`: merged meetings with first/last seen and the missed-scrape counter. */
export class MeetingsTable {
  constructor(private readonly store: PluginStore) {}

  /** Every stored meeting of one body (see `groupKey`). */
  async ofGroup(groupKey: string): Promise<TrackedMeeting[]> {
    const rows = (await this.store.table('meetings').where({ group_key: groupKey })) as Row[];
    return rows.map(fromRow);
  }

  /** Inserts or replaces meetings, inside the caller's transaction. */
  async save(tx: PluginStoreTx, meetings: readonly TrackedMeeting[]): Promise<void> {
    for (const meeting of meetings) {
      const row = toRow(meeting);
      const updated = await tx.table('meetings').where({ id: meeting.id }).update(row);
      if (updated === 0) await tx.table('meetings').insert(row);
    }
  }

  /** Meetings starting in [fromMs, toMs), soonest first; for the should-be-live check. */
  async startingBetween(fromMs: number, toMs: number): Promise<TrackedMeeting[]> {
    const rows = (await this.store
      .table('meetings')
      .where('starts_at_ms', '>=', fromMs)
      .andWhere('starts_at_ms', '<', toMs)
      .orderBy('starts_at_ms')) as Row[];
    return rows.map(fromRow);
  }

  /** Meetings that have not ended at `now` (no end: start + `defaultDurationMs`), soonest first. */
  async upcoming(query: MeetingQuery, now: number, defaultDurationMs: number): Promise<TrackedMeeting[]> {
    const builder = this.filtered(query).where((w) =>
      w
        .where('ends_at_ms', '>', now)
        .orWhere((n) => n.whereNull('ends_at_ms').andWhere('starts_at_ms', '>', now - defaultDurationMs)),
    );
    return this.run(builder, 'asc', query.limit);
  }

  /** Meetings by start, earliest first, filtered only by the query. */
  async list(query: MeetingQuery): Promise<TrackedMeeting[]> {
    return this.run(this.filtered(query), 'asc', query.limit);
  }

  /** Meetings that started at or before `now`, latest first. */
  async past(query: MeetingQuery, now: number): Promise<TrackedMeeting[]> {
    return this.run(this.filtered(query).where('starts_at_ms', '<=', now), 'desc', query.limit);
  }

  private filtered(query: MeetingQuery): Knex.QueryBuilder {
    const builder = this.store.table('meetings').select('*');
    if (query.body) builder.whereRaw('lower(body) = ?', [query.body.toLowerCase()]);
    if (query.city) builder.whereRaw('lower(city) = ?', [query.city.toLowerCase()]);
    if (query.from !== undefined) builder.where('starts_at_ms', '>=', query.from);
    if (query.to !== undefined) builder.where('starts_at_ms', '<', query.to);
    if (query.status && query.status.length > 0) builder.whereIn('status', [...query.status]);
    return builder;
  }

  private async run(
    builder: Knex.QueryBuilder,
    order: 'asc' | 'desc',
    limit?: number,
  ): Promise<TrackedMeeting[]> {
    builder.orderBy([{ column: 'starts_at_ms', order }, { column: 'id' }]).limit(limit ?? DEFAULT_LIMIT);
    return ((await builder) as Row[]).map(fromRow);
  }
}
