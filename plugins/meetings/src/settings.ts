import { DEFAULTS, type LinkConfig, type MeetingsConfig } from './config.js';

/** Scrape tunables with every default applied, in the units the code uses. */
export interface ScrapeSettings {
  readonly intervalMin: number;
  readonly timeoutMs: number;
  readonly retries: number;
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
  readonly maxBytes: number;
  readonly missesToCancel: number;
  readonly matchWindowMs: number;
  readonly titleSimilarity: number;
  readonly userAgent: string;
  /** Meetings without an end are taken to last this long (City Scrapers' 2 h). */
  readonly defaultDurationMin: number;
}

/** A body → stream link with defaults applied. */
export interface LiveLink {
  readonly body: string;
  readonly city?: string;
  readonly stream: string;
  readonly channel?: string;
  readonly preRollMs: number;
  readonly postRollMs: number;
  readonly startEncoder?: { readonly encoder: string; readonly output: string };
}

/** Resolves the scrape section; setup still works when the host did not fill defaults. */
export function scrapeSettings(config: MeetingsConfig, version: string): ScrapeSettings {
  const s = config.scrape ?? {};
  return {
    intervalMin: s.intervalMin ?? DEFAULTS.intervalMin,
    timeoutMs: (s.timeoutSec ?? DEFAULTS.timeoutSec) * 1000,
    retries: s.retries ?? DEFAULTS.retries,
    retryBaseMs: s.retryBaseMs ?? DEFAULTS.retryBaseMs,
    retryMaxMs: s.retryMaxMs ?? DEFAULTS.retryMaxMs,
    maxBytes: s.maxBytes ?? DEFAULTS.maxBytes,
    missesToCancel: s.missesToCancel ?? DEFAULTS.missesToCancel,
    matchWindowMs: (s.matchWindowMin ?? DEFAULTS.matchWindowMin) * 60_000,
    titleSimilarity: s.titleSimilarity ?? DEFAULTS.titleSimilarity,
    userAgent: s.userAgent ?? `encoder-manager-meetings/${version}`,
    defaultDurationMin: DEFAULTS.defaultDurationMin,
  };
}

/** Resolves the configured links. */
export function liveLinks(config: MeetingsConfig): LiveLink[] {
  return (config.links ?? []).map((link: LinkConfig) => ({
    body: link.body,
    ...(link.city ? { city: link.city } : {}),
    stream: link.stream,
    ...(link.channel ? { channel: link.channel } : {}),
    preRollMs: (link.preRollMin ?? DEFAULTS.preRollMin) * 60_000,
    postRollMs: (link.postRollMin ?? DEFAULTS.postRollMin) * 60_000,
    ...(link.startEncoder ? { startEncoder: link.startEncoder } : {}),
  }));
}
