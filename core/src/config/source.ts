import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { EmError, errorMessageOf } from '@encoder-manager/sdk';

/** Where the config text came from. */
export interface ConfigSource {
  /** Shown in every problem: a path relative to the working directory, or the URL. */
  readonly name: string;
  /** Folder that relative paths in the config (data dir, plugin packages) resolve against. */
  readonly baseDir: string;
  readonly text: string;
}

/** The config location by precedence: `--config`, then `CONFIG_URL`, then `./encoder-manager.yaml`. */
export function configLocation(explicit: string | undefined, env: NodeJS.ProcessEnv): string {
  return explicit ?? env.CONFIG_URL ?? 'encoder-manager.yaml';
}

/** Reads the config from a file path or an http(s) URL. */
export async function readConfigSource(location: string, timeoutMs = 10_000): Promise<ConfigSource> {
  if (/^https?:\/\//i.test(location)) return fetchConfig(location, timeoutMs);
  const file = location.startsWith('file://') ? new URL(location).pathname : location;
  const absolute = path.resolve(file);
  try {
    const text = await readFile(absolute, 'utf8');
    return {
      name: path.relative(process.cwd(), absolute) || absolute,
      baseDir: path.dirname(absolute),
      text,
    };
  } catch (error) {
    throw new EmError(
      'EM_CONFIG_NOT_FOUND',
      `cannot read config file ${absolute}: ${errorMessageOf(error)}`,
      {
        cause: error,
        hint: 'Pass --config <file>, set CONFIG_URL, or create encoder-manager.yaml in the working directory.',
      },
    );
  }
}

async function fetchConfig(url: string, timeoutMs: number): Promise<ConfigSource> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`);
    return { name: url, baseDir: process.cwd(), text: await response.text() };
  } catch (error) {
    throw new EmError('EM_CONFIG_NOT_FOUND', `cannot fetch config from ${url}: ${errorMessageOf(error)}`, {
      cause: error,
      hint: 'Check that CONFIG_URL is reachable from this host and answers 200 with YAML or JSON.',
    });
  }
}
