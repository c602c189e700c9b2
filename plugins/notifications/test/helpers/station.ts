import type { NotificationsConfig } from '../../src/settings/schema.js';

/** A small station: one person per built-in role, e-mail for everyone, Telegram for the technical staff. */
export function stationConfig(overrides: Partial<NotificationsConfig> = {}): NotificationsConfig {
  return {
    station: 'Metro Public Access',
    timezone: 'America/Chicago',
    recipients: [
      {
        id: 'cara',
        name: 'Cara Cablecaster',
        roles: ['cablecaster'],
        channels: [{ channel: 'email', address: 'cara@station.test' }],
      },
      {
        id: 'tom',
        name: 'Tom Technician',
        roles: ['technician'],
        channels: [
          { channel: 'email', address: 'tom@station.test' },
          { channel: 'telegram', address: '1001' },
        ],
      },
      {
        id: 'erin',
        name: 'Erin Engineer',
        roles: ['engineer'],
        channels: [
          { channel: 'email', address: 'erin@station.test' },
          { channel: 'telegram', address: '1002' },
        ],
      },
      {
        id: 'mia',
        name: 'Mia Manager',
        roles: ['management'],
        channels: [{ channel: 'email', address: 'mia@station.test' }],
      },
    ],
    rules: [
      {
        id: 'studio-to-management',
        priority: 5,
        continue: true,
        match: { labelsRegex: { encoder: '^studio-' } },
        notify: { roles: ['management'] },
      },
      {
        id: 'critical-hq',
        priority: 10,
        match: { severities: ['critical'], labels: { site: 'hq' } },
        notify: { roles: ['technician'] },
        groupWaitSec: 30,
        escalation: [{ afterSec: 600, roles: ['engineer'] }],
      },
      {
        id: 'warnings',
        priority: 20,
        match: { severities: ['warning'] },
        notify: { roles: ['cablecaster'], channels: ['email'] },
      },
    ],
    ...overrides,
  };
}
