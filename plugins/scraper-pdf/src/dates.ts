/**
 * Date and time mentions in schedule text: "JANUARY 18, 2019", "Friday, March 27, 2020", "Sept. 5th",
 * "1/23/2020", "10:30 a.m.", "10:30am-12:30pm", "noon". Pure functions; no zone logic here.
 */

const MONTHS: Record<string, number> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};

/** The month (1–12) a full or abbreviated English month name stands for, in any case. */
export function monthNumber(name: string): number | undefined {
  const key = name.toLowerCase();
  return Object.hasOwn(MONTHS, key) ? MONTHS[key] : undefined;
}

const MONTH_NAMES =
  'january|february|march|april|may|june|july|august|september|october|november|december|' +
  'jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec';
const WEEKDAYS =
  'monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues|tue|wed|thurs|thu|fri|sat|sun';

/** A calendar date found in text. `year` is undefined when the text does not state one. */
export interface DateMention {
  readonly year: number | undefined;
  readonly month: number;
  readonly day: number;
  /** Offset of the first character (the weekday, when one is written) in the searched text. */
  readonly index: number;
  /** The matched text. */
  readonly text: string;
}

/** A wall-clock time of day, 24-hour. */
export interface TimeOfDay {
  readonly hour: number;
  readonly minute: number;
}

/** A time or a time range found in text. */
export interface TimeMention {
  readonly start: TimeOfDay;
  readonly end: TimeOfDay | undefined;
  readonly index: number;
  readonly text: string;
}

// "Friday, March 27, 2020" | "MARCH 27 2020" | "Sept. 5th" | "March 27,2020"
const NAMED_DATE = new RegExp(
  String.raw`\b(?:(?:${WEEKDAYS})\.?,?\s+)?(${MONTH_NAMES})\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s*((?:19|20)\d{2})\b)?`,
  'gi',
);
// "1/23/2020" | "01-23-2020" | "1/23/20" | "2020-01-23"
const NUMERIC_DATE = new RegExp(
  String.raw`\b(?:(?:${WEEKDAYS})\.?,?\s+)?(?:(\d{1,2})([/-])(\d{1,2})\2((?:19|20)?\d{2})|((?:19|20)\d{2})-(\d{2})-(\d{2}))\b`,
  'gi',
);

function validDay(year: number | undefined, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  if (day > days) return false;
  if (year !== undefined && month === 2 && day === 29) {
    return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  }
  return true;
}

/** Every date mentioned in `text`, in order of appearance. Impossible dates (February 30) are skipped. */
export function findDates(text: string): DateMention[] {
  const found: DateMention[] = [];
  for (const m of text.matchAll(NAMED_DATE)) {
    const month = monthNumber(m[1] ?? '');
    const day = Number(m[2]);
    const year = m[3] === undefined ? undefined : Number(m[3]);
    // "May 2020" style (no day) never reaches here; "May 20" without a year is allowed.
    if (month !== undefined && validDay(year, month, day)) {
      found.push({ year, month, day, index: m.index, text: m[0] });
    }
  }
  for (const m of text.matchAll(NUMERIC_DATE)) {
    let year: number;
    let month: number;
    let day: number;
    if (m[5] !== undefined) {
      year = Number(m[5]);
      month = Number(m[6]);
      day = Number(m[7]);
    } else {
      month = Number(m[1]);
      day = Number(m[3]);
      const y = m[4] ?? '';
      year = y.length === 2 ? 2000 + Number(y) : Number(y);
    }
    if (validDay(year, month, day)) found.push({ year, month, day, index: m.index, text: m[0] });
  }
  return found.sort((a, b) => a.index - b.index);
}

/** The date that `text` starts with (after list markers such as `*`, `•`, `-`), with what follows it. */
export function leadingDate(text: string): { date: DateMention; rest: string } | undefined {
  const lead = /^[\s*•·\-–—#>]*/.exec(text)?.[0].length ?? 0;
  const first = findDates(text)[0];
  if (first === undefined || first.index !== lead) return undefined;
  return { date: first, rest: text.slice(first.index + first.text.length) };
}

const MERIDIEM = String.raw`(a\.?\s?m\b\.?|p\.?\s?m\b\.?)`;
const CLOCK = String.raw`(\d{1,2})(?:[:.](\d{2}))?\s*`;
// 10:30 a.m. | 3 PM | 10:30am-12:30pm | 10:30 – 12:30 p.m. | 6:00 to 8:00 pm | noon
const TIME_RANGE = new RegExp(
  String.raw`\b(?:${CLOCK}${MERIDIEM}?|(noon))\s*(?:(?:-|–|—|to|until|till)\s*(?:${CLOCK}${MERIDIEM}|(noon)))?`,
  'gi',
);

function toHour(hour: number, meridiem: string | undefined): number | undefined {
  if (meridiem === undefined) return undefined;
  if (hour < 1 || hour > 12) return undefined;
  const pm = meridiem.toLowerCase().startsWith('p');
  return (hour % 12) + (pm ? 12 : 0);
}

function clock(
  hourText: string | undefined,
  minuteText: string | undefined,
  meridiem: string | undefined,
  noon: string | undefined,
): TimeOfDay | undefined {
  if (noon !== undefined) return { hour: 12, minute: 0 };
  if (hourText === undefined) return undefined;
  const minute = minuteText === undefined ? 0 : Number(minuteText);
  if (minute > 59) return undefined;
  const hour = toHour(Number(hourText), meridiem);
  return hour === undefined ? undefined : { hour, minute };
}

/**
 * Every time of day mentioned in `text` with an explicit a.m./p.m. (or "noon"), with the end of a range
 * when one follows ("10:30am-12:30pm", "6 to 8 p.m."). Bare numbers such as "9-1-1" or "10:30" are not times.
 */
export function findTimes(text: string): TimeMention[] {
  const found: TimeMention[] = [];
  for (const m of text.matchAll(TIME_RANGE)) {
    const [, h1, m1, ap1, noon1, h2, m2, ap2, noon2] = m;
    const hasEnd = h2 !== undefined || noon2 !== undefined;
    const end = hasEnd ? clock(h2, m2, ap2, noon2) : undefined;
    // "10:30 – 12:30 p.m." states the meridiem once: the start takes the end's when that gives a start before the end.
    let start = clock(h1, m1, ap1, noon1);
    if (
      start === undefined &&
      ap1 === undefined &&
      noon1 === undefined &&
      h1 !== undefined &&
      ap2 !== undefined
    ) {
      const guess = clock(h1, m1, ap2, undefined);
      const morning = clock(h1, m1, 'am', undefined);
      if (guess !== undefined && end !== undefined) {
        start = minutes(guess) < minutes(end) ? guess : morning;
      }
    }
    if (start === undefined) continue;
    found.push({
      start,
      end: end !== undefined && minutes(end) > minutes(start) ? end : undefined,
      index: m.index,
      text: m[0].trim(),
    });
  }
  return found;
}

/** Minutes since midnight. */
export function minutes(time: TimeOfDay): number {
  return time.hour * 60 + time.minute;
}

/** `HH:mm` (24-hour) → time of day, or undefined when malformed. */
export function parseHhMm(text: string): TimeOfDay | undefined {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  return m ? { hour: Number(m[1]), minute: Number(m[2]) } : undefined;
}

/** A 4-digit year (1900–2099) standing as its own word. */
export function findYears(text: string): number[] {
  return [...text.matchAll(/(?<![\d/-])((?:19|20)\d{2})(?![\d/-])/g)].map((m) => Number(m[1]));
}
