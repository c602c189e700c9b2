import type {
  RecipientSettings,
  RoleSettings,
  RuleSettings,
  SettingsSource,
  TemplateSettings,
} from '@encoder-manager/sdk';
import { templateSyntaxError } from '../templates/engine.js';
import {
  builtInRoles,
  byPriority,
  toRecipient,
  toRule,
  type Role,
  type Settings,
  type Template,
} from './model.js';
import type { StoredDoc } from './repository.js';
import {
  RecipientSchema,
  RoleSchema,
  RuleSchema,
  TemplateSchema,
  type NotificationsConfig,
} from './schema.js';
import { recipientProblems, roleIds, ruleProblems, schemaProblems, type Problem } from './validate.js';

/** Reports a stored document that was skipped because it is invalid. */
export type OnInvalid = (doc: StoredDoc, problems: readonly Problem[]) => void;

const CONFIG_PATH = 'plugins.notifications.config';

/** Problems in the config file that its JSON Schema cannot catch (unknown roles, zones, template syntax). */
export function configProblems(config: NotificationsConfig): Problem[] {
  const roles = roleIds(config.roles ?? []);
  const recipients = new Set((config.recipients ?? []).map((r) => r.id));
  return [
    ...duplicates(
      (config.roles ?? []).map((r) => r.id),
      `${CONFIG_PATH}.roles`,
    ),
    ...duplicates(
      (config.recipients ?? []).map((r) => r.id),
      `${CONFIG_PATH}.recipients`,
    ),
    ...duplicates(
      (config.rules ?? []).map((r) => r.id),
      `${CONFIG_PATH}.rules`,
    ),
    ...(config.recipients ?? []).flatMap((r, i) =>
      recipientProblems(r, roles, `${CONFIG_PATH}.recipients[${i}]`),
    ),
    ...(config.rules ?? []).flatMap((r, i) =>
      ruleProblems(r, roles, recipients, `${CONFIG_PATH}.rules[${i}]`),
    ),
    ...(config.templates ?? []).flatMap((t, i) => templateProblems(t, `${CONFIG_PATH}.templates[${i}]`)),
    ...(config.deadLetterRoles ?? []).flatMap((role, i) =>
      roles.has(role)
        ? []
        : [{ path: `${CONFIG_PATH}.deadLetterRoles[${i}]`, message: `unknown role "${role}"` }],
    ),
  ];
}

function duplicates(ids: readonly string[], path: string): Problem[] {
  const seen = new Set<string>();
  return ids.flatMap((id) => {
    if (!seen.has(id)) {
      seen.add(id);
      return [];
    }
    return [{ path, message: `id "${id}" is used twice` }];
  });
}

/** Syntax errors in a template's sources. */
export function templateProblems(t: TemplateSettings, base: string): Problem[] {
  return (['subject', 'text', 'html'] as const).flatMap((field) => {
    const source = t[field];
    const error = source === undefined ? undefined : templateSyntaxError(source);
    return error ? [{ path: `${base}.${field}`, message: `template syntax error: ${error}` }] : [];
  });
}

/**
 * The settings in force. Config items come first and win on id clashes; stored items that fail
 * validation (e.g. a rule naming a role that was since removed) are skipped and reported, never deleted.
 */
export function buildSettings(
  config: NotificationsConfig,
  stored: readonly StoredDoc[],
  onInvalid: OnInvalid,
): Settings {
  const of = (kind: StoredDoc['kind']) => stored.filter((d) => d.kind === kind);
  const roles = new Map<string, Role>(builtInRoles().map((r) => [r.id, r]));
  const addRole = (r: RoleSettings, source: SettingsSource) =>
    void (roles.has(r.id) || roles.set(r.id, { ...r, builtIn: false, source }));
  (config.roles ?? []).forEach((r) => addRole(r, 'config'));
  accept(of('role'), RoleSchema, () => [], onInvalid).forEach((r) => addRole(r as RoleSettings, 'store'));
  const roleSet = new Set(roles.keys());

  const recipients = (config.recipients ?? []).map((r) => toRecipient(r, 'config'));
  const configIds = new Set(recipients.map((r) => r.id));
  const storedRecipients = accept(
    of('recipient'),
    RecipientSchema,
    (d) =>
      recipientProblems(d as RecipientSettings, roleSet, `recipient ${String((d as RecipientSettings).id)}`),
    onInvalid,
  );
  recipients.push(
    ...storedRecipients
      .filter((r) => !configIds.has((r as RecipientSettings).id))
      .map((r) => toRecipient(r as RecipientSettings, 'store')),
  );
  const recipientIds = new Set(recipients.map((r) => r.id));

  const rules = (config.rules ?? []).map((r) => toRule(r, 'config'));
  const ruleIds = new Set(rules.map((r) => r.id));
  const storedRules = accept(
    of('rule'),
    RuleSchema,
    (d) => ruleProblems(d as RuleSettings, roleSet, recipientIds, `rule ${String((d as RuleSettings).id)}`),
    onInvalid,
  );
  rules.push(
    ...storedRules
      .filter((r) => !ruleIds.has((r as RuleSettings).id))
      .map((r) => toRule(r as RuleSettings, 'store')),
  );

  const templates: Template[] = (config.templates ?? []).map((t) => ({ ...t, source: 'config' }));
  const storedTemplates = accept(
    of('template'),
    TemplateSchema,
    (d) => templateProblems(d as TemplateSettings, 'template'),
    onInvalid,
  ) as TemplateSettings[];
  const clashes = (t: TemplateSettings) =>
    templates.some((c) => c.eventType === t.eventType && c.channel === t.channel);
  templates.push(
    ...storedTemplates.filter((t) => !clashes(t)).map((t) => ({ ...t, source: 'store' as const })),
  );

  return {
    roles,
    recipients,
    rules: rules.sort(byPriority),
    templates,
    deadLetterRoles: config.deadLetterRoles ?? ['engineer'],
  };
}

function accept(
  docs: readonly StoredDoc[],
  schema: Parameters<typeof schemaProblems>[0],
  extra: (doc: unknown) => Problem[],
  onInvalid: OnInvalid,
): unknown[] {
  return docs.flatMap((d) => {
    const problems =
      d.doc === undefined
        ? [{ path: d.id, message: 'stored JSON is unreadable' }]
        : schemaProblems(schema, d.doc, `${d.kind} ${d.id}`);
    const all = problems.length > 0 ? problems : extra(d.doc);
    if (all.length > 0) {
      onInvalid(d, all);
      return [];
    }
    return [d.doc];
  });
}
