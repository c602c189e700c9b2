import { closest, distance } from 'fastest-levenshtein';

/** One thing wrong with the config, located and explained. */
export interface ConfigProblem {
  /** The file or URL the config came from. */
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  /** JSON Pointer to the offending value, e.g. `/plugins/driver-simulated/config/pollIntervalMs`. */
  readonly path: string;
  readonly message: string;
  readonly expected?: string;
  readonly found?: string;
  /** What to change, in one sentence. */
  readonly fix?: string;
  /** The stable error code behind the problem (EM_CONFIG_INVALID unless more specific). */
  readonly code: string;
}

/** A problem before it is located in the source file. */
export type ProblemDraft = Omit<ConfigProblem, 'file' | 'line' | 'column' | 'code'> & { code?: string };

/** The candidate closest to `word`, if it is close enough to be a likely typo. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const best = closest(word, [...candidates]);
  const allowed = Math.max(2, Math.floor(word.length / 3));
  return distance(word, best) <= allowed ? best : undefined;
}

/** A short, readable rendering of a config value for "found …". */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  const shown = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  return `${typeof value} ${shown}`;
}

/** JSON Pointer segment escaping (RFC 6901). */
export function pointerJoin(base: string, key: string | number): string {
  const escaped = String(key).replace(/~/g, '~0').replace(/\//g, '~1');
  return `${base}/${escaped}`;
}

/** Splits a JSON Pointer into its unescaped segments. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Human-readable report of all problems, numbered, as printed by `check-config`. */
export function formatProblems(problems: readonly ConfigProblem[]): string {
  const lines = [`${problems[0]?.file ?? 'config'}: ${problems.length} problem(s)`];
  problems.forEach((p, index) => {
    const where = p.line === undefined ? p.file : `${p.file}:${p.line}:${p.column ?? 1}`;
    lines.push(`  ${index + 1}. ${where}  ${p.path || '/'}`);
    lines.push(`     ${p.message}`);
    if (p.expected !== undefined || p.found !== undefined) {
      lines.push(`     expected ${p.expected ?? '?'}, found ${p.found ?? '?'}`);
    }
    if (p.fix) lines.push(`     fix: ${p.fix}`);
  });
  return lines.join('\n');
}
