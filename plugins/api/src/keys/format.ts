import * as crypto from 'node:crypto';
import { createHash, randomInt } from 'node:crypto';
import { crc32 } from 'node:zlib';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** 30 base62 characters carry 30 × log2(62) ≈ 178.6 bits, above the 160-bit floor. */
export const RANDOM_LENGTH = 30;
/** 62^6 > 2^32, so six characters hold any CRC32. */
export const CHECKSUM_LENGTH = 6;
/** GitHub accepts tokens up to 255 characters; anything longer is refused before parsing. */
const MAX_TOKEN_LENGTH = 255;

/** What a token is for: `api` keys for clients, `wst` single-use WebSocket tickets. */
export type TokenType = 'api' | 'wst';

const TOKEN = /^em_(api|wst)_([0-9A-Za-z]{30})_([0-9A-Za-z]{6})$/;

/** Fixed-width base62 of an unsigned 32-bit number. */
export function base62Fixed(value: number, width: number): string {
  let rest = value;
  let out = '';
  for (let i = 0; i < width; i += 1) {
    out = BASE62[rest % 62]! + out;
    rest = Math.floor(rest / 62);
  }
  return out;
}

/** The checksum of `em_<type>_<random>`: CRC32, base62, six characters. */
export function checksumOf(prefixAndRandom: string): string {
  return base62Fixed(crc32(prefixAndRandom) >>> 0, CHECKSUM_LENGTH);
}

/** A new token `em_<type>_<30 base62>_<6 base62 CRC32>`, 44 characters; the random part is uniform. */
export function generateToken(type: TokenType): string {
  let random = '';
  for (let i = 0; i < RANDOM_LENGTH; i += 1) random += BASE62[randomInt(62)]!;
  const body = `em_${type}_${random}`;
  return `${body}_${checksumOf(body)}`;
}

/**
 * The token's type when it is well formed and its checksum matches, else undefined. Pure string work:
 * a typo, a truncated paste or a random guess is refused without touching the database.
 */
export function checkToken(raw: string): TokenType | undefined {
  if (raw.length > MAX_TOKEN_LENGTH) return undefined;
  const match = TOKEN.exec(raw);
  if (!match) return undefined;
  const body = raw.slice(0, raw.length - CHECKSUM_LENGTH - 1);
  return checksumOf(body) === match[3] ? (match[1] as TokenType) : undefined;
}

/** SHA-256 hex of the whole token: the only form a key is stored in. */
export function digestOf(token: string): string {
  // One-shot crypto.hash (Node ≥ 20.12) creates no Hash object: on every request, those native handles
  // made young-generation GC markedly slower. Older Node falls back to createHash.
  if (typeof crypto.hash === 'function') return crypto.hash('sha256', token, 'hex');
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A display form that cannot be used: `em_api_…` plus the last four characters. */
export function maskToken(token: string): string {
  return `${token.slice(0, 7)}…${token.slice(-4)}`;
}
