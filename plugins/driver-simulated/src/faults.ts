import { DEFAULTS, type FaultConfig, type FaultKind } from './config.js';

/** A fault pinned to absolute clock times. */
export interface FaultWindow {
  readonly kind: FaultKind;
  /** Epoch ms when the fault begins. */
  readonly startAt: number;
  /** Epoch ms when the fault ends; undefined = never. */
  readonly endAt?: number;
}

/** Turns configured faults (relative to plugin start) into absolute windows for one encoder. */
export function faultWindowsFor(
  encoderId: string,
  faults: readonly FaultConfig[],
  startedAt: number,
): FaultWindow[] {
  return faults
    .filter((fault) => fault.encoder === encoderId)
    .map((fault) => {
      const startAt = startedAt + Math.round((fault.startAfterSec ?? DEFAULTS.startAfterSec) * 1000);
      return fault.durationSec === undefined
        ? { kind: fault.kind, startAt }
        : { kind: fault.kind, startAt, endAt: startAt + Math.round(fault.durationSec * 1000) };
    });
}

/** Whether a window covers `now` (start inclusive, end exclusive). */
export function isActive(window: FaultWindow, now: number): boolean {
  return now >= window.startAt && (window.endAt === undefined || now < window.endAt);
}

/** The earliest-started active window of a kind, if any. */
export function activeWindow(
  windows: readonly FaultWindow[],
  kind: FaultKind,
  now: number,
): FaultWindow | undefined {
  let found: FaultWindow | undefined;
  for (const window of windows) {
    if (
      window.kind === kind &&
      isActive(window, now) &&
      (found === undefined || window.startAt < found.startAt)
    ) {
      found = window;
    }
  }
  return found;
}
