import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { IANAZone } from 'luxon';
import { BUILT_IN_ROLES, EmError, type ErrorCode, type TSchema } from '@encoder-manager/sdk';
import type { RecipientSettings, RuleSettings } from '@encoder-manager/sdk';

/** One thing wrong with a setting: where (dotted path) and what. */
export interface Problem {
  readonly path: string;
  readonly message: string;
}

const ajv = new Ajv({ allErrors: true, strict: false });
const compiled = new WeakMap<TSchema, ValidateFunction>();

/** Checks a value against a schema; problems carry `base` + the JSON path. */
export function schemaProblems(schema: TSchema, value: unknown, base: string): Problem[] {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  if (validate(value)) return [];
  return (validate.errors ?? []).map((error) => ({ path: joinPath(base, error), message: describe(error) }));
}

function joinPath(base: string, error: ErrorObject): string {
  const parts = error.instancePath.split('/').filter(Boolean);
  const tail = parts.map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`)).join('');
  return `${base}${tail}`;
}

function describe(error: ErrorObject): string {
  if (error.keyword === 'additionalProperties') {
    return `unknown field "${String(error.params.additionalProperty)}"`;
  }
  if (error.keyword === 'enum') {
    return `must be one of ${(error.params.allowedValues as unknown[]).map(String).join(', ')}`;
  }
  return error.message ?? 'is invalid';
}

/** Problems a schema cannot see in a recipient: unknown roles and time zones. */
export function recipientProblems(r: RecipientSettings, roles: ReadonlySet<string>, base: string): Problem[] {
  const problems = r.roles.flatMap((role, i) => roleProblem(role, roles, `${base}.roles[${i}]`));
  if (r.quietHours && !IANAZone.isValidZone(r.quietHours.timezone)) {
    problems.push({
      path: `${base}.quietHours.timezone`,
      message: `"${r.quietHours.timezone}" is not an IANA time zone (e.g. America/Chicago, Europe/Berlin)`,
    });
  }
  return problems;
}

/** Problems a schema cannot see in a rule: unknown roles/recipients, bad regular expressions. */
export function ruleProblems(
  rule: RuleSettings,
  roles: ReadonlySet<string>,
  recipients: ReadonlySet<string>,
  base: string,
): Problem[] {
  const problems: Problem[] = [];
  (rule.notify.roles ?? []).forEach((role, i) =>
    problems.push(...roleProblem(role, roles, `${base}.notify.roles[${i}]`)),
  );
  (rule.notify.recipients ?? []).forEach((id, i) => {
    if (!recipients.has(id)) {
      problems.push({ path: `${base}.notify.recipients[${i}]`, message: `no recipient has id "${id}"` });
    }
  });
  (rule.escalation ?? []).forEach((step, s) =>
    step.roles.forEach((role, i) =>
      problems.push(...roleProblem(role, roles, `${base}.escalation[${s}].roles[${i}]`)),
    ),
  );
  for (const [label, pattern] of Object.entries(rule.match?.labelsRegex ?? {})) {
    try {
      new RegExp(pattern);
    } catch (error) {
      problems.push({
        path: `${base}.match.labelsRegex.${label}`,
        message: `invalid regular expression: ${String(error)}`,
      });
    }
  }
  if ((rule.notify.roles ?? []).length === 0 && (rule.notify.recipients ?? []).length === 0) {
    problems.push({
      path: `${base}.notify`,
      message: 'names no roles and no recipients, so it would notify nobody',
    });
  }
  return problems;
}

function roleProblem(role: string, roles: ReadonlySet<string>, path: string): Problem[] {
  if (roles.has(role)) return [];
  const known = [...roles].join(', ');
  return [{ path, message: `unknown role "${role}" (known: ${known}); declare custom roles under roles:` }];
}

/** The set of role ids: built-in plus declared. */
export function roleIds(custom: readonly { id: string }[]): Set<string> {
  return new Set<string>([...BUILT_IN_ROLES, ...custom.map((r) => r.id)]);
}

/** Turns problems into one error listing each, or does nothing when there are none. */
export function throwIfProblems(problems: readonly Problem[], code: ErrorCode, what: string): void {
  if (problems.length === 0) return;
  const list = problems.map((p) => `  ${p.path}: ${p.message}`).join('\n');
  throw new EmError(code, `${what}: ${problems.length} problem(s)\n${list}`, {
    hint: 'Fix each listed field; the notifications README has the schema and an example.',
    details: { problems },
  });
}
