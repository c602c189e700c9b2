import { execFileSync } from 'node:child_process';
import { systemClock } from '@encoder-manager/core';
import { createMemoryLogger, type LogRecord } from '@encoder-manager/sdk/testing';
import type { FfmpegEncoderConfig, FfmpegOutputConfig } from '../src/index.js';

/** Real time: these tests run real ffmpeg processes. */
export const clock = systemClock;

/** A logger that keeps records for assertions. */
export function memoryLog(records: LogRecord[] = []) {
  return createMemoryLogger(records);
}

/**
 * A light encoder for tests: 320x240 test pattern (audio optional), ultrafast, one stream output.
 * The progress period stays at the 500 ms default so a loaded CI machine does not fake a stall.
 */
export function encoderConfig(
  url: string,
  overrides: Partial<FfmpegEncoderConfig> = {},
  output: Partial<FfmpegOutputConfig> = {},
): FfmpegEncoderConfig {
  return {
    id: 'enc-test',
    input: { type: 'testsrc', size: '320x240', rate: 30, audio: false },
    outputs: [{ id: 'main', kind: 'stream', url, preset: 'ultrafast', videoBitrateKbps: 500, ...output }],
    startTimeoutMs: 8000,
    ...overrides,
  };
}

/** This process's children called ffmpeg, with their ps state (Z = zombie). */
export function ffmpegChildren(): { pid: number; stat: string }[] {
  let out = '';
  try {
    out = execFileSync('ps', ['-o', 'pid=,stat=,comm=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  } catch {
    return []; // ps exits 1 when there are no children at all
  }
  return out
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([, , comm]) => comm === 'ffmpeg')
    .map(([pid, stat]) => ({ pid: Number(pid), stat: stat ?? '' }));
}

/** Whether any process with this pid exists (zombie or not). */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls `read` every 50 ms until `until` holds; fails with the last value after `timeoutMs`. */
export async function eventually<T>(
  read: () => T | Promise<T>,
  until: (value: T) => boolean,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (until(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`condition not met within ${timeoutMs} ms; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A fresh abort signal with a generous deadline for control calls. */
export const deadline = (ms = 20_000): AbortSignal => AbortSignal.timeout(ms);
