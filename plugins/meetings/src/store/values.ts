/*
 * Column value conversions shared by the tables: PostgreSQL returns bigint as strings and booleans as
 * booleans, SQLite returns numbers and 0/1; JSON is stored as text on both.
 */

/** A bigint/integer column as a number. */
export function num(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}

/** A nullable number column. */
export function optNum(value: unknown): number | undefined {
  return value === null || value === undefined ? undefined : num(value);
}

/** A boolean column. */
export function bool(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 't';
}

/** A nullable text column. */
export function optStr(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Parses a JSON text column, falling back when it is empty or unreadable. */
export function json<T>(value: unknown, fallback: T): T {
  if (typeof value !== 'string' || value === '') return fallback;
  try {
    return JSON.parse(value) as T;
  } catch {
    return fallback;
  }
}
