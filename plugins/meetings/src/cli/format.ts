import type { BodyScrapeReport, MeetingRecord, MeetingSource, ScrapeRun } from '@encoder-manager/sdk';
import { DateTime } from 'luxon';

/** One line per meeting: local start with zone, body, title, status, id. */
export function meetingLines(meetings: readonly MeetingRecord[]): string[] {
  if (meetings.length === 0) return ['no meetings'];
  const rows = meetings.map((m) => [
    DateTime.fromISO(m.startsAt, { zone: m.timeZone }).toFormat('yyyy-MM-dd HH:mm ZZZZ'),
    m.body,
    m.title,
    m.status,
    m.id,
  ]);
  return table(rows);
}

/** Per body: the verdict and the changes, then one line per source run. */
export function scrapeLines(reports: readonly BodyScrapeReport[]): string[] {
  if (reports.length === 0) return ['no enabled sources'];
  return reports.flatMap((report) => {
    const c = report.changes;
    const verdict = report.ok
      ? `ok — ${c.new} new, ${c.moved} moved, ${c.cancelled} cancelled, ${c.updated} updated`
      : 'FAILED — every source failed; stored meetings kept';
    return [`${report.city} / ${report.body}: ${verdict}`, ...report.runs.map((run) => `  ${runLine(run)}`)];
  });
}

/** `name  33 items  HTTP 200  1 attempt` or `name  FAILED CODE: message`. */
export function runLine(run: ScrapeRun): string {
  const http = run.httpStatus !== undefined ? `  HTTP ${run.httpStatus}` : '';
  const attempts = `  ${run.attempts} attempt${run.attempts === 1 ? '' : 's'}`;
  if (run.errorCode)
    return `${run.source}  FAILED ${run.errorCode}: ${run.errorMessage ?? ''}${http}${attempts}`;
  const items = `${run.itemsFound} item${run.itemsFound === 1 ? '' : 's'}${run.notModified ? ' (not modified)' : ''}`;
  return `${run.source}  ${items}${http}${attempts}`;
}

/** One line per source in the catalog. */
export function sourceLines(sources: readonly MeetingSource[]): string[] {
  if (sources.length === 0) return ['no sources'];
  return table(
    sources.map((s) => [
      s.name,
      `${s.city} / ${s.body}`,
      `#${s.priority}${s.merge ? ' merge' : ''}`,
      s.type,
      s.enabled ? 'enabled' : 'disabled',
      s.lastRun
        ? s.lastRun.errorCode
          ? `last: ${s.lastRun.errorCode}`
          : `last: ${s.lastRun.itemsFound} items`
        : 'never run',
    ]),
  );
}

function table(rows: readonly string[][]): string[] {
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows.map((row) =>
    row
      .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}
