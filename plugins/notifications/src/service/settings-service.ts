import type {
  ChannelSettingsInput,
  ChannelSettingsView,
  NotificationSettingsView,
  NotificationsService,
  RecipientSettings,
  RoleSettings,
  RuleSettings,
  TemplateSettings,
} from '@encoder-manager/sdk';
import { templateProblems } from '../settings/loader.js';
import type { SettingsHolder } from '../settings/holder.js';
import { templateId, type SettingsRepository } from '../settings/repository.js';
import {
  ChannelInputSchema,
  RecipientSchema,
  RoleSchema,
  RuleSchema,
  TemplateSchema,
} from '../settings/schema.js';
import { recipientProblems, ruleProblems, schemaProblems } from '../settings/validate.js';
import type { SecretStore } from '../secrets/secret-store.js';
import { inUse, notFound, readOnly, rejectIfProblems } from './errors.js';
import { channelView, settingsView } from './views.js';

type SettingsMethods = Pick<
  NotificationsService,
  | 'getSettings'
  | 'putChannel'
  | 'deleteChannel'
  | 'putRecipient'
  | 'deleteRecipient'
  | 'putRule'
  | 'deleteRule'
  | 'putRole'
  | 'deleteRole'
  | 'putTemplate'
  | 'deleteTemplate'
>;

/** What the settings half of the service needs. */
export interface SettingsDeps {
  readonly holder: SettingsHolder;
  readonly repo: SettingsRepository;
  readonly secrets: SecretStore;
  readonly flags: () => Promise<NotificationSettingsView['flags']>;
}

/** Settings CRUD: validates like the config loader, refuses to touch config items, reloads after writes. */
export function createSettingsMethods(d: SettingsDeps): SettingsMethods {
  const current = () => d.holder.get();
  const storedOrFail = async (
    kind: 'recipient' | 'rule' | 'role' | 'channel',
    id: string,
    fromConfig: boolean,
  ) => {
    if (fromConfig) throw readOnly(kind, id);
    if (!(await d.repo.delete(kind, id))) throw notFound(kind, id);
  };
  return {
    getSettings: async () => settingsView(current(), await d.repo.all(), d.secrets, await d.flags()),
    async putRecipient(recipient: RecipientSettings) {
      rejectIfProblems(schemaProblems(RecipientSchema, recipient, 'recipient'), 'recipient rejected');
      if (current().recipients.some((r) => r.id === recipient.id && r.source === 'config'))
        throw readOnly('recipient', recipient.id);
      rejectIfProblems(
        recipientProblems(recipient, new Set(current().roles.keys()), 'recipient'),
        'recipient rejected',
      );
      await d.repo.put('recipient', recipient.id, recipient);
      await d.holder.reload();
    },
    async deleteRecipient(id) {
      const users = current()
        .rules.filter((r) => r.recipients.includes(id))
        .map((r) => `rule ${r.id}`);
      if (users.length > 0) throw inUse('recipient', id, users);
      await storedOrFail(
        'recipient',
        id,
        current().recipients.some((r) => r.id === id && r.source === 'config'),
      );
      await d.holder.reload();
    },
    async putRule(rule: RuleSettings) {
      rejectIfProblems(schemaProblems(RuleSchema, rule, 'rule'), 'rule rejected');
      if (current().rules.some((r) => r.id === rule.id && r.source === 'config'))
        throw readOnly('rule', rule.id);
      const recipients = new Set(current().recipients.map((r) => r.id));
      rejectIfProblems(
        ruleProblems(rule, new Set(current().roles.keys()), recipients, 'rule'),
        'rule rejected',
      );
      await d.repo.put('rule', rule.id, rule);
      await d.holder.reload();
    },
    async deleteRule(id) {
      await storedOrFail(
        'rule',
        id,
        current().rules.some((r) => r.id === id && r.source === 'config'),
      );
      await d.holder.reload();
    },
    async putRole(role: RoleSettings) {
      rejectIfProblems(schemaProblems(RoleSchema, role, 'role'), 'role rejected');
      const existing = current().roles.get(role.id);
      if (existing && existing.source === 'config') throw readOnly('role', role.id);
      await d.repo.put('role', role.id, role);
      await d.holder.reload();
    },
    async deleteRole(id) {
      const s = current();
      const users = [
        ...s.recipients.filter((r) => r.roles.includes(id)).map((r) => `recipient ${r.id}`),
        ...s.rules
          .filter((r) => r.roles.includes(id) || r.escalation.some((e) => e.roles.includes(id)))
          .map((r) => `rule ${r.id}`),
      ];
      if (users.length > 0) throw inUse('role', id, users);
      await storedOrFail('role', id, s.roles.get(id)?.source === 'config');
      await d.holder.reload();
    },
    async putTemplate(template: TemplateSettings) {
      rejectIfProblems(
        [...schemaProblems(TemplateSchema, template, 'template'), ...templateProblems(template, 'template')],
        'template rejected',
      );
      const clash = current().templates.find(
        (t) => t.eventType === template.eventType && t.channel === template.channel,
      );
      if (clash?.source === 'config')
        throw readOnly('template', templateId(template.eventType, template.channel));
      await d.repo.put('template', templateId(template.eventType, template.channel), template);
      await d.holder.reload();
    },
    async deleteTemplate(eventType, channel) {
      const clash = current().templates.find((t) => t.eventType === eventType && t.channel === channel);
      if (clash?.source === 'config') throw readOnly('template', templateId(eventType, channel));
      if (!(await d.repo.delete('template', templateId(eventType, channel))))
        throw notFound('template', templateId(eventType, channel));
      await d.holder.reload();
    },
    async putChannel(input: ChannelSettingsInput): Promise<ChannelSettingsView> {
      rejectIfProblems(schemaProblems(ChannelInputSchema, input, 'channel'), 'channel rejected');
      // Secrets first: a missing EM_SECRET_KEY must fail the whole write, not leave half of it.
      if (input.secrets) await d.secrets.apply(input.channel, input.secrets);
      const previous = (await d.repo.get('channel', input.channel)) as
        { settings?: Record<string, string | number | boolean> } | undefined;
      const doc = {
        channel: input.channel,
        enabled: input.enabled ?? true,
        settings: input.settings ?? previous?.settings ?? {},
      };
      await d.repo.put('channel', input.channel, doc);
      return channelView(doc, await d.secrets.names(input.channel));
    },
    async deleteChannel(channel) {
      await d.secrets.deleteChannel(channel);
      await storedOrFail('channel', channel, false);
    },
  };
}
