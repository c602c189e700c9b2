import { definePlugin } from '@encoder-manager/sdk';
import { configSchema } from './settings/schema.js';
import { startNotifications } from './start.js';

export { configSchema, type NotificationsConfig } from './settings/schema.js';
export { startNotifications, type Notifications, type StartOptions } from './start.js';
export { SECRET_KEY_ENV } from './secrets/cipher.js';
export type { TemplateContext, AlertView } from './templates/context.js';
export { DEFAULT_TEMPLATES } from './templates/defaults.js';

/**
 * Tells station staff about the right problems on the right channel, once: rules route alerts and
 * events to roles, templates render them per channel, and a durable outbox delivers them through the
 * notifier plugins with retries, dead letters and escalation.
 */
export const notificationsPlugin = definePlugin({
  name: 'notifications',
  version: '0.1.0',
  sdk: '^1.0.0',
  kind: 'service',
  description:
    'Routes alerts and events to recipients by role, channel and quiet hours, renders them with templates and ' +
    'delivers them through a durable outbox with retries, dead letters, escalation and test messages.',
  configSchema,
  async setup(ctx, config) {
    const notifications = await startNotifications(ctx, config);
    return notifications.instance;
  },
});

export default notificationsPlugin;
