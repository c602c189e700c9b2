import { parseClockTime } from '@encoder-manager/sdk';

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const DATE = /^([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})(?:\s*[-–@]?\s*(.+))?$/;

/** A ViewPublisher date cell such as "October 12, 2016 - 5:00 PM" (or "Oct 12, 2016"). */
export interface GranicusDate {
  /** `YYYY-MM-DD`. */
  readonly date: string;
  /** `HH:mm:ss`, when the cell has a time. */
  readonly time: string | undefined;
}

/** Reads a date cell; undefined for cells that hold no date ("In Progress", empty). */
export function parseGranicusDate(text: string): GranicusDate | undefined {
  const match = DATE.exec(text.trim());
  if (!match) return undefined;
  const [, monthName = '', day = '', year = '', rest] = match;
  const month = MONTHS.findIndex((name) => name.startsWith(monthName.toLowerCase()) && monthName.length >= 3);
  if (month < 0 || Number(day) < 1 || Number(day) > 31) return undefined;
  const date = `${year}-${String(month + 1).padStart(2, '0')}-${day.padStart(2, '0')}`;
  return { date, time: rest ? parseClockTime(rest) : undefined };
}
