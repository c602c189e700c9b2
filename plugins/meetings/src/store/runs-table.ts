import type { PluginStore, ScrapeRun } from '@encoder-manager/sdk';
import { bool, num, optNum, optStr } from './values.js';

type Row = Record<string, unknown>;

/** A run before it has an id. */
export type NewRun = Omit<ScrapeRun, 'id'>;

/** `meetings_runs`: one row per attempt to scrape one source, kept for the CLI and the API. */
export class RunsTable {
  constructor(private readonly store: PluginStore) {}

  async insert(run: NewRun): Promise<ScrapeRun> {
    const [inserted] = (await this.store
      .table('runs')
      .insert({
        source: run.source,
        started_at: run.startedAt,
        finished_at: run.finishedAt,
        items_found: run.itemsFound,
        http_status: run.httpStatus ?? null,
        not_modified: run.notModified,
        attempts: run.attempts,
        error_code: run.errorCode ?? null,
        error_message: run.errorMessage ?? null,
      })
      .returning('id')) as (Row | number)[];
    const id = typeof inserted === 'object' ? num(inserted.id) : num(inserted);
    return { id, ...run };
  }

  /** Newest first. */
  async list(options: { source?: string; limit?: number } = {}): Promise<ScrapeRun[]> {
    const query = this.store
      .table('runs')
      .select('*')
      .orderBy('id', 'desc')
      .limit(options.limit ?? 50);
    if (options.source) query.where({ source: options.source });
    return ((await query) as Row[]).map(fromRow);
  }

  /** The newest run of each source. */
  async latestBySource(): Promise<Map<string, ScrapeRun>> {
    const newest = this.store.table('runs').max('id as id').groupBy('source');
    const rows = (await this.store.table('runs').whereIn('id', newest)) as Row[];
    return new Map(rows.map((row) => [String(row.source), fromRow(row)]));
  }
}

function fromRow(row: Row): ScrapeRun {
  const httpStatus = optNum(row.http_status);
  const errorCode = optStr(row.error_code);
  const errorMessage = optStr(row.error_message);
  return {
    id: num(row.id),
    source: String(row.source),
    startedAt: num(row.started_at),
    finishedAt: num(row.finished_at),
    itemsFound: num(row.items_found),
    notModified: bool(row.not_modified),
    attempts: num(row.attempts),
    ...(httpStatus !== undefined ? { httpStatus } : {}),
    ...(errorCode ? { errorCode } : {}),
    ...(errorMessage ? { errorMessage } : {}),
  };
}
