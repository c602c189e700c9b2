import { EmError } from '@encoder-manager/sdk';

const UNIT_SEC: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** Seconds in `0`, `90s`, `15m`, `1h`, `7d`; throws EM_API_KEY_INVALID naming `what` otherwise. */
export function parseDurationSec(text: string, what: string): number {
  const match = /^(\d{1,7})([smhd]?)$/.exec(text.trim());
  if (!match) {
    throw new EmError('EM_API_KEY_INVALID', `${what}: "${text}" is not a duration`, {
      hint: 'Write a whole number with s, m, h or d, e.g. 0, 3600s, 24h, 7d.',
    });
  }
  return Number(match[1]) * UNIT_SEC[match[2] || 's']!;
}
