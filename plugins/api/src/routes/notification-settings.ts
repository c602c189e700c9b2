import type { TSchema } from '@sinclair/typebox';
import type { NotificationsService } from '@encoder-manager/sdk';
import { Reply, route, type AnyRoute } from '../http/route.js';
import { NoContent } from '../schemas/common.js';
import { RecipientBody, RoleBody, RuleBody, SlugParams } from '../schemas/notifications.js';
import { requireAllSites } from './guards.js';

/** One kind of stored setting with an id: recipients, rules, roles. */
interface SettingKind {
  readonly plural: string;
  readonly singular: string;
  readonly body: TSchema;
  put(service: NotificationsService, id: string, body: Record<string, unknown>): Promise<void>;
  remove(service: NotificationsService, id: string): Promise<void>;
}

const KINDS: readonly SettingKind[] = [
  {
    plural: 'recipients',
    singular: 'Recipient',
    body: RecipientBody,
    put: (s, id, body) => s.putRecipient({ ...body, id } as never),
    remove: (s, id) => s.deleteRecipient(id),
  },
  {
    plural: 'rules',
    singular: 'Rule',
    body: RuleBody,
    put: (s, id, body) => s.putRule({ ...body, id } as never),
    remove: (s, id) => s.deleteRule(id),
  },
  {
    plural: 'roles',
    singular: 'Role',
    body: RoleBody,
    put: (s, id, body) => s.putRole({ ...body, id }),
    remove: (s, id) => s.deleteRole(id),
  },
];

const done = () => new Reply(204, undefined);

/** PUT and DELETE for each setting kind; items from the config file are read-only (422). */
export function settingsRoutes(): AnyRoute[] {
  return KINDS.flatMap((kind) => [
    route({
      method: 'PUT',
      path: `/api/v1/notifications/${kind.plural}/:id`,
      operationId: `putNotification${kind.singular}`,
      summary: `Create or replace a notification ${kind.singular.toLowerCase()}`,
      tag: 'notifications',
      plugin: 'notifications',
      scope: 'admin',
      rateLimit: 'admin',
      params: SlugParams,
      body: kind.body,
      response: NoContent,
      status: 204,
      async handle({ params, body, key, services }) {
        requireAllSites(key);
        await kind.put(services.notifications, params.id, body as Record<string, unknown>);
        return done();
      },
    }),
    route({
      method: 'DELETE',
      path: `/api/v1/notifications/${kind.plural}/:id`,
      operationId: `deleteNotification${kind.singular}`,
      summary: `Delete a stored notification ${kind.singular.toLowerCase()}`,
      tag: 'notifications',
      plugin: 'notifications',
      scope: 'admin',
      rateLimit: 'admin',
      params: SlugParams,
      response: NoContent,
      status: 204,
      async handle({ params, key, services }) {
        requireAllSites(key);
        await kind.remove(services.notifications, params.id);
        return done();
      },
    }),
  ]);
}
