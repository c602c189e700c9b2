import { EmError, type MeetingLocation } from '@encoder-manager/sdk';
import { parseHhMm } from './dates.js';
import type { PdfScheduleOptions } from './schedule.js';

/** Names of the catalog options this parser reads from `ScrapeInput.options`; others are ignored. */
export const OPTION_NAMES = ['title', 'body', 'defaultTime', 'location', 'dateColumn'] as const;

function bad(source: string, message: string): EmError {
  return new EmError('EM_CONFIG_INVALID', `${source}: ${message}`, {
    hint: 'Fix the parser options of this source in the meeting-source catalog.',
    details: { source },
  });
}

function optionalString(
  source: string,
  options: Readonly<Record<string, unknown>>,
  key: string,
): string | undefined {
  const value = options[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') {
    throw bad(source, `option "${key}" must be a non-empty string`);
  }
  return value.trim();
}

/** Checks and types the catalog options; throws `EM_CONFIG_INVALID` naming the source and the option. */
export function readOptions(
  source: string,
  options: Readonly<Record<string, unknown>> | undefined,
): PdfScheduleOptions {
  if (options === undefined) return {};
  const title = optionalString(source, options, 'title');
  const body = optionalString(source, options, 'body');
  const defaultTime = optionalString(source, options, 'defaultTime');
  if (defaultTime !== undefined && parseHhMm(defaultTime) === undefined) {
    throw bad(source, `option "defaultTime" must be HH:mm (24-hour), e.g. "09:00"; got "${defaultTime}"`);
  }
  let location: MeetingLocation | undefined;
  const rawLocation = options['location'];
  if (rawLocation !== undefined) {
    if (typeof rawLocation !== 'object' || rawLocation === null || Array.isArray(rawLocation)) {
      throw bad(source, 'option "location" must be an object { name?, address? }');
    }
    const loc = rawLocation as Record<string, unknown>;
    const name = optionalString(source, loc, 'name');
    const address = optionalString(source, loc, 'address');
    location = { ...(name === undefined ? {} : { name }), ...(address === undefined ? {} : { address }) };
  }
  const dateColumn = options['dateColumn'];
  if (
    dateColumn !== undefined &&
    (typeof dateColumn !== 'number' || !Number.isInteger(dateColumn) || dateColumn < 0)
  ) {
    throw bad(source, 'option "dateColumn" must be a whole number ≥ 0 (0 = leftmost date column)');
  }
  return {
    ...(title === undefined ? {} : { title }),
    ...(body === undefined ? {} : { body }),
    ...(defaultTime === undefined ? {} : { defaultTime }),
    ...(location === undefined ? {} : { location }),
    ...(dateColumn === undefined ? {} : { dateColumn }),
  };
}
