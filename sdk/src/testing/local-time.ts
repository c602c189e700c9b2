// Local wall-clock ↔ epoch conversion for fixture tests, with Intl only (the SDK has no date library).

/** `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm` filled out to `YYYY-MM-DDTHH:mm:ss`. */
export function normaliseLocal(local: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(local)) return `${local}T00:00:00`;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return `${local}:00`;
  return local;
}

/** Epoch ms of a local wall-clock time in an IANA zone (the earlier instant when DST repeats it). */
export function localTimeToEpochMs(local: string, timeZone: string): number {
  const asUtc = Date.parse(`${normaliseLocal(local)}Z`);
  if (Number.isNaN(asUtc)) throw new Error(`not a local date-time: "${local}"`);
  const first = asUtc - zoneOffsetMs(asUtc, timeZone);
  return asUtc - zoneOffsetMs(first, timeZone);
}

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  const cached = formats.get(timeZone);
  if (cached) return cached;
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  formats.set(timeZone, format);
  return format;
}

function zoneOffsetMs(epochMs: number, timeZone: string): number {
  const parts = formatFor(timeZone).formatToParts(new Date(epochMs));
  const part = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
  return wall - Math.floor(epochMs / 1000) * 1000;
}
