import { pointerJoin, type ProblemDraft } from './problems.js';

/** The config with `${VAR}` references replaced, plus where whole values came from the environment. */
export interface SubstitutionResult {
  readonly value: unknown;
  /** Pointers of values that were exactly one `${VAR}`: these may be coerced to the schema's type. */
  readonly fromEnv: ReadonlySet<string>;
  readonly problems: readonly ProblemDraft[];
}

const REFERENCE = /\$\$|\$\{([^}]*)\}|\$\{/g;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Replaces `${VAR}` and `${VAR:-default}` in every string value (not in keys), after parsing, so an
 * environment value can never change the YAML structure. `$$` writes a literal `$`.
 */
export function substituteEnv(value: unknown, env: NodeJS.ProcessEnv): SubstitutionResult {
  const fromEnv = new Set<string>();
  const problems: ProblemDraft[] = [];
  const walk = (node: unknown, pointer: string): unknown => {
    if (typeof node === 'string') return substituteString(node, pointer, env, fromEnv, problems);
    if (Array.isArray(node)) return node.map((item, index) => walk(item, pointerJoin(pointer, index)));
    if (node && typeof node === 'object') {
      return Object.fromEntries(
        Object.entries(node).map(([key, item]) => [key, walk(item, pointerJoin(pointer, key))]),
      );
    }
    return node;
  };
  return { value: walk(value, ''), fromEnv, problems };
}

function substituteString(
  text: string,
  pointer: string,
  env: NodeJS.ProcessEnv,
  fromEnv: Set<string>,
  problems: ProblemDraft[],
): string {
  if (!text.includes('$')) return text;
  if (/^\$\{[^}]*\}$/.test(text)) fromEnv.add(pointer);
  return text.replace(REFERENCE, (match, body: string | undefined) => {
    if (match === '$$') return '$';
    if (body === undefined) {
      problems.push({
        path: pointer,
        message: `unterminated environment reference in "${text}"`,
        fix: 'Close it with "}" as in ${NAME}, or write $$ for a literal $.',
      });
      return match;
    }
    return resolveReference(body, pointer, env, problems) ?? match;
  });
}

function resolveReference(
  body: string,
  pointer: string,
  env: NodeJS.ProcessEnv,
  problems: ProblemDraft[],
): string | undefined {
  const separator = body.indexOf(':-');
  const name = separator === -1 ? body : body.slice(0, separator);
  if (!NAME.test(name)) {
    problems.push({
      path: pointer,
      message: `"\${${body}}" is not a valid environment reference`,
      expected: 'a variable name of letters, digits and _ (not starting with a digit)',
      found: JSON.stringify(name),
      fix: 'Write ${NAME} or ${NAME:-default}.',
    });
    return undefined;
  }
  const value = env[name];
  if (value !== undefined && value !== '') return value;
  if (separator !== -1) return body.slice(separator + 2);
  problems.push({
    path: pointer,
    message: `environment variable ${name} is not set`,
    fix: `Set ${name} in the agent's environment, or give a default: \${${name}:-value}.`,
  });
  return undefined;
}
