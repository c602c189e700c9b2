import { Type } from '@encoder-manager/sdk';
import { DEFAULTS } from './defaults.js';

/** How sources are fetched, retried and compared. */
export const ScrapeSchema = Type.Object(
  {
    intervalMin: Type.Optional(
      Type.Integer({
        minimum: 5,
        default: DEFAULTS.intervalMin,
        description: 'Default minutes between scrapes of a body.',
      }),
    ),
    timeoutSec: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 600,
        default: DEFAULTS.timeoutSec,
        description: 'Per-request timeout.',
      }),
    ),
    retries: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 10,
        default: DEFAULTS.retries,
        description: 'Retries after a timeout, network error or HTTP 5xx/429.',
      }),
    ),
    retryBaseMs: Type.Optional(
      Type.Integer({
        minimum: 0,
        default: DEFAULTS.retryBaseMs,
        description: 'First backoff step; doubles per retry, with full jitter.',
      }),
    ),
    retryMaxMs: Type.Optional(
      Type.Integer({ minimum: 0, default: DEFAULTS.retryMaxMs, description: 'Backoff cap.' }),
    ),
    maxBytes: Type.Optional(
      Type.Integer({ minimum: 1024, default: DEFAULTS.maxBytes, description: 'Largest document accepted.' }),
    ),
    missesToCancel: Type.Optional(
      Type.Integer({
        minimum: 1,
        default: DEFAULTS.missesToCancel,
        description:
          'Consecutive successful scrapes without an upcoming meeting before it counts as cancelled.',
      }),
    ),
    matchWindowMin: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 720,
        default: DEFAULTS.matchWindowMin,
        description: 'Two listings are the same meeting only if their starts are this close.',
      }),
    ),
    titleSimilarity: Type.Optional(
      Type.Number({
        minimum: 0,
        maximum: 1,
        default: DEFAULTS.titleSimilarity,
        description: 'Minimum title similarity (0–1) for two listings to be the same meeting.',
      }),
    ),
    userAgent: Type.Optional(
      Type.String({
        minLength: 1,
        description: 'User-Agent header. Default `encoder-manager-meetings/<version>`.',
      }),
    ),
  },
  { additionalProperties: false, description: 'How sources are fetched and compared.' },
);
