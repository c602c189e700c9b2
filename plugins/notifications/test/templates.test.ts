import { expect } from 'chai';
import type { TemplateSettings } from '@encoder-manager/sdk';
import { createMemoryLogger, type LogRecord } from '@encoder-manager/sdk/testing';
import { collapseAlerts } from '../src/outbox/collapse.js';
import type { OutboxRow } from '../src/outbox/rows.js';
import { buildContext, type TemplateContext } from '../src/templates/context.js';
import { TemplateEngine } from '../src/templates/engine.js';
import { alert } from './helpers/harness.js';

const AT = Date.UTC(2026, 2, 14, 7, 5);

function row(overrides: Partial<OutboxRow> = {}): OutboxRow {
  return {
    id: 'n-1',
    eventType: 'alert.firing',
    fingerprint: 'e1',
    ruleId: 'r',
    recipientId: 'tom',
    channel: 'telegram',
    address: '1001',
    groupKey: 'g',
    priority: 1,
    severity: 'critical',
    context: {
      kind: 'alert',
      alert: alert('e1', 'firing', { summary: 'Studio <A> & "B" stream down', startsAt: AT }),
      previous: null,
      escalationStep: null,
      repeat: null,
    },
    alertOnDead: true,
    createdAt: AT,
    notBefore: AT,
    nextAttemptAt: AT,
    expiresAt: AT,
    groupWindowMs: 0,
    status: 'sending',
    batchId: 'n-1',
    attempts: 0,
    claimedBy: null,
    claimedUntil: null,
    lastError: null,
    sentAt: null,
    deadAt: null,
    ...overrides,
  };
}

function context(rows: OutboxRow[], channel: string, lateMinutes: number | null = null): TemplateContext {
  return buildContext(rows, collapseAlerts(rows), {
    id: 'n-1',
    station: 'Metro Public Access',
    channel,
    recipient: { id: 'tom', name: 'Tom' },
    timezone: 'America/Chicago',
    lateMinutes,
  });
}

describe('notifications: templates', () => {
  let logs: LogRecord[];
  let overrides: TemplateSettings[];
  let engine: TemplateEngine;
  beforeEach(() => {
    logs = [];
    overrides = [];
    engine = new TemplateEngine(() => overrides, createMemoryLogger(logs));
  });

  it('renders e-mail subject, text and HTML with times in the recipient zone and the notification id', () => {
    const out = engine.render(context([row({ channel: 'email' })], 'email', 14));
    expect(out.subject).to.equal('[CRITICAL] Studio <A> & "B" stream down');
    expect(out.text).to.include('Delayed by 14 min');
    expect(out.text).to.include('Studio <A> & "B" stream down [site=hq, encoder=e1]');
    expect(out.text).to.include('since 2026-03-14 02:05 CDT');
    expect(out.text).to.include('Notification n-1');
    expect(out.html).to.include('Studio &lt;A&gt; &amp; &quot;B&quot; stream down');
    expect(out.html).to.match(/^<!doctype html>/);
  });

  it('renders Telegram HTML with safe escaping and every tag closed on its own line', () => {
    const out = engine.render(context([row()], 'telegram'));
    expect(out.html).to.include('Studio &lt;A&gt; &amp; &quot;B&quot; stream down');
    expect(out.html).not.to.include('<A>');
    for (const line of (out.html ?? '').split('\n')) {
      const opened = (line.match(/<(b|i|code|pre|a)\b/g) ?? []).length;
      const closed = (line.match(/<\/(b|i|code|pre|a)>/g) ?? []).length;
      expect(opened, line).to.equal(closed);
    }
  });

  it('uses a station override, falling back to the built-in fields it leaves out', () => {
    overrides = [{ eventType: 'alert.firing', channel: 'default', subject: 'ON AIR PROBLEM: {{title}}' }];
    const out = engine.render(context([row({ channel: 'email' })], 'email'));
    expect(out.subject).to.equal('ON AIR PROBLEM: Studio <A> & "B" stream down');
    expect(out.text).to.include('Notification n-1');
  });

  it('falls back to the built-in template when an override fails, and reports it', () => {
    overrides = [{ eventType: 'alert.firing', channel: 'email', text: 'Alert: {{alert.sumary}}' }];
    const out = engine.render(context([row({ channel: 'email' })], 'email'));
    expect(out.text).to.include('CRITICAL: Studio <A> & "B" stream down');
    expect(engine.failures).to.equal(1);
    const report = logs.find((l) => l.fields.code === 'EM_NOTIFY_TEMPLATE_FAILED');
    expect(report?.fields.template).to.equal('alert.firing/email');
  });

  it('renders resolved, event, dead-letter and test messages', () => {
    const resolved = row({
      context: {
        kind: 'alert',
        alert: alert('e1', 'resolved'),
        previous: 'firing',
        escalationStep: null,
        repeat: null,
      },
    });
    expect(engine.render(context([resolved], 'email')).subject).to.equal(
      '[RESOLVED] Resolved: e1 stream is down',
    );
    const event = row({
      eventType: 'failover.completed',
      severity: 'warning',
      context: {
        kind: 'event',
        title: 'Failover completed: Council',
        summary: 'enc-1 → enc-2: stream down',
        fields: { channel: 'Council' },
      },
    });
    const out = engine.render(context([event], 'telegram'));
    expect(out.html).to.include('<b>Failover completed: Council</b>');
    expect(out.text).to.include('channel: Council');
    const dead = row({
      eventType: 'notification.dead',
      context: {
        kind: 'dead-letter',
        failedChannel: 'telegram',
        recipientName: 'Tom',
        reason: 'blocked',
        subject: 'x',
        notificationId: 'n-0',
      },
    });
    expect(engine.render(context([dead], 'email')).subject).to.equal(
      '[NOTIFICATIONS] Notifications to Tom via telegram are failing',
    );
    expect(engine.render(context([row({ context: { kind: 'test' } })], 'email')).text).to.include(
      'email notifications reach Tom',
    );
  });
});
