import { Type } from '@sinclair/typebox';
import { fetchSize, pageOf } from '../http/paging.js';
import { Reply, route, type AnyRoute } from '../http/route.js';
import { Id, NoContent, Page, PageQuery } from '../schemas/common.js';
import {
  ChannelBody,
  ChannelParams,
  ChannelViewSchema,
  DeadLetterQuery,
  DeadLetterSchema,
  EndpointParams,
  SettingsViewSchema,
  TemplateBody,
  TemplateParams,
  TestBody,
  TestResultSchema,
} from '../schemas/notifications.js';
import { requireAllSites } from './guards.js';
import { settingsRoutes } from './notification-settings.js';

const common = { tag: 'notifications', plugin: 'notifications' } as const;
const done = () => new Reply(204, undefined);

/** Notification settings (secrets write-only), dead letters, test messages. */
export function notificationRoutes(): AnyRoute[] {
  return [
    route({
      ...common,
      method: 'GET',
      path: '/api/v1/notifications/settings',
      operationId: 'getNotificationSettings',
      summary:
        'Roles, recipients, rules, templates, channels (secrets shown only as set) and flagged endpoints',
      scope: 'admin',
      rateLimit: 'read',
      response: SettingsViewSchema,
      async handle({ key, services }) {
        requireAllSites(key);
        return services.notifications.getSettings();
      },
    }),
    route({
      ...common,
      method: 'PUT',
      path: '/api/v1/notifications/channels/:channel',
      operationId: 'putNotificationChannel',
      summary:
        'Store channel settings; secrets are write-only (a value stores it encrypted, null removes it)',
      scope: 'admin',
      rateLimit: 'admin',
      params: ChannelParams,
      body: ChannelBody,
      response: ChannelViewSchema,
      async handle({ params, body, key, services }) {
        requireAllSites(key);
        return services.notifications.putChannel({ ...body, channel: params.channel });
      },
    }),
    route({
      ...common,
      method: 'DELETE',
      path: '/api/v1/notifications/channels/:channel',
      operationId: 'deleteNotificationChannel',
      summary: 'Remove stored channel settings and secrets',
      scope: 'admin',
      rateLimit: 'admin',
      params: ChannelParams,
      response: NoContent,
      status: 204,
      async handle({ params, key, services }) {
        requireAllSites(key);
        await services.notifications.deleteChannel(params.channel);
        return done();
      },
    }),
    ...settingsRoutes(),
    route({
      ...common,
      method: 'PUT',
      path: '/api/v1/notifications/templates/:eventType/:channel',
      operationId: 'putNotificationTemplate',
      summary: 'Override a message template (Handlebars)',
      scope: 'admin',
      rateLimit: 'admin',
      params: TemplateParams,
      body: TemplateBody,
      response: NoContent,
      status: 204,
      async handle({ params, body, key, services }) {
        requireAllSites(key);
        await services.notifications.putTemplate({ ...body, ...params });
        return done();
      },
    }),
    route({
      ...common,
      method: 'DELETE',
      path: '/api/v1/notifications/templates/:eventType/:channel',
      operationId: 'deleteNotificationTemplate',
      summary: 'Remove a template override',
      scope: 'admin',
      rateLimit: 'admin',
      params: TemplateParams,
      response: NoContent,
      status: 204,
      async handle({ params, key, services }) {
        requireAllSites(key);
        await services.notifications.deleteTemplate(params.eventType, params.channel);
        return done();
      },
    }),
    route({
      ...common,
      method: 'POST',
      path: '/api/v1/notifications/endpoints/:recipientId/:channel/enable',
      operationId: 'enableNotificationEndpoint',
      summary: 'Use a recipient/channel pair again after a permanent delivery error flagged it',
      scope: 'admin',
      rateLimit: 'admin',
      params: EndpointParams,
      response: NoContent,
      status: 204,
      async handle({ params, key, services }) {
        requireAllSites(key);
        await services.notifications.enableEndpoint(params.recipientId, params.channel);
        return done();
      },
    }),
    route({
      ...common,
      method: 'GET',
      path: '/api/v1/notifications/dead-letters',
      operationId: 'listDeadLetters',
      summary: 'Notifications the outbox gave up on, newest first',
      scope: 'admin',
      rateLimit: 'read',
      query: Type.Composite([DeadLetterQuery, Type.Object(PageQuery)]),
      response: Page(DeadLetterSchema),
      async handle({ query, key, services }) {
        requireAllSites(key);
        const size = Math.min(1000, fetchSize(query.limit, query.cursor));
        const letters = await services.notifications.listDeadLetters({
          limit: size,
          channel: query.channel,
          recipientId: query.recipientId,
        });
        return pageOf(letters, query.limit, query.cursor);
      },
    }),
    route({
      ...common,
      method: 'POST',
      path: '/api/v1/notifications/dead-letters/:id/replay',
      operationId: 'replayDeadLetter',
      summary: 'Queue a dead letter again (and clear its endpoint flag)',
      scope: 'admin',
      rateLimit: 'admin',
      params: Type.Object({ id: Id }),
      response: Type.Object({ queued: Type.Literal(true) }),
      status: 202,
      async handle({ params, key, services }) {
        requireAllSites(key);
        await services.notifications.replayDeadLetter(params.id);
        return new Reply(202, { queued: true });
      },
    }),
    route({
      ...common,
      method: 'POST',
      path: '/api/v1/notifications/test',
      operationId: 'sendTestNotification',
      summary: 'Send a test message to a recipient or role now and report each delivery',
      scope: 'operate',
      rateLimit: 'notify-test',
      body: TestBody,
      response: Type.Object({ results: Type.Array(TestResultSchema) }),
      async handle({ body, key, services, signal }) {
        requireAllSites(key);
        return { results: await services.notifications.sendTest(body, signal) };
      },
    }),
  ];
}
