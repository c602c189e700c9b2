/** The sources of one message: subject, plain text and two HTML flavours. */
export interface TemplateSources {
  readonly subject: string;
  readonly text: string;
  /** Full HTML for e-mail (and channels without their own flavour). */
  readonly html: string;
  /**
   * Telegram's HTML subset (b, i, code, pre, a). Every tag opens and closes on one line, so the
   * telegram notifier may split long messages at line breaks without breaking markup.
   */
  readonly telegram: string;
}

// Shared pieces. Plain text is rendered unescaped; HTML is escaped by Handlebars ({{ }}).
const LATE_TEXT =
  '{{#if late}}⚠ Delayed by {{late.minutes}} min: this was held up on the way to you.\n{{/if}}';
const LATE_TG = '{{#if late}}⚠️ <i>Delayed by {{late.minutes}} min</i>\n{{/if}}';
const LATE_HTML =
  '{{#if late}}<p style="color:#b45309"><b>Delayed by {{late.minutes}} min</b>: this was held up on the way to you.</p>{{/if}}';
const REMINDER_TEXT =
  '{{#if escalation}}Escalated (step {{escalation.step}}): nobody has acknowledged this yet.\n{{/if}}' +
  '{{#if repeat}}Reminder {{repeat.count}}: still firing.\n{{/if}}';
const REMINDER_TG =
  '{{#if escalation}}⏫ <b>Escalated</b> (step {{escalation.step}}): not acknowledged yet\n{{/if}}' +
  '{{#if repeat}}🔁 Reminder {{repeat.count}}: still firing\n{{/if}}';
const FOOTER_TEXT = '\n{{station}} · {{at}}\nNotification {{id}}\n';
const FOOTER_TG = '\n<i>{{station}} · {{at}}</i>\n<code>{{id}}</code>';
const FOOTER_HTML =
  '<hr><p style="color:#666;font-size:12px">{{station}} · {{at}}<br>Notification {{id}}</p>';

const ALERT_LINE_TEXT =
  '• {{name}}: {{summary}}{{#if labelText}} [{{labelText}}]{{/if}}{{#if flapping}} (changed state {{changes}} times){{/if}}\n' +
  '  since {{startedAt}}{{#if description}} — {{description}}{{/if}}\n';
const ALERT_LINE_TG =
  '• <b>{{name}}</b>: {{summary}}{{#if labelText}} <code>{{labelText}}</code>{{/if}}{{#if flapping}} (changed {{changes}}×){{/if}}\n';
const ALERT_ROW_HTML =
  '<tr><td><b>{{name}}</b></td><td>{{summary}}{{#if description}}<br><small>{{description}}</small>{{/if}}' +
  '{{#if flapping}}<br><small>changed state {{changes}} times</small>{{/if}}</td><td>{{labelText}}</td><td>{{startedAt}}</td></tr>';
const TABLE_HEAD =
  '<table cellpadding="6" style="border-collapse:collapse"><tr><th align="left">Alert</th><th align="left">What</th><th align="left">Where</th><th align="left">Since</th></tr>';

function page(body: string): string {
  return `<!doctype html><html><body style="font-family:sans-serif">${LATE_HTML}${body}${FOOTER_HTML}</body></html>`;
}

const ALERT: TemplateSources = {
  subject: '[{{SEVERITY}}] {{title}}',
  text:
    `${LATE_TEXT}${REMINDER_TEXT}{{SEVERITY}}: {{title}}\n\n{{#each firing}}${ALERT_LINE_TEXT}{{/each}}` +
    `{{#if resolved.length}}\nResolved:\n{{#each resolved}}${ALERT_LINE_TEXT}{{/each}}{{/if}}${FOOTER_TEXT}`,
  html: page(
    '{{#if escalation}}<p><b>Escalated</b> (step {{escalation.step}}): nobody has acknowledged this yet.</p>{{/if}}' +
      '{{#if repeat}}<p>Reminder {{repeat.count}}: still firing.</p>{{/if}}' +
      `<h2>{{SEVERITY}}: {{title}}</h2>${TABLE_HEAD}{{#each firing}}${ALERT_ROW_HTML}{{/each}}</table>` +
      `{{#if resolved.length}}<h3>Resolved</h3>${TABLE_HEAD}{{#each resolved}}${ALERT_ROW_HTML}{{/each}}</table>{{/if}}`,
  ),
  telegram:
    `${LATE_TG}${REMINDER_TG}🔴 <b>{{SEVERITY}}: {{title}}</b>\n{{#each firing}}${ALERT_LINE_TG}{{/each}}` +
    `{{#if resolved.length}}✅ Resolved:\n{{#each resolved}}${ALERT_LINE_TG}{{/each}}{{/if}}${FOOTER_TG}`,
};

const RESOLVED: TemplateSources = {
  subject: '[RESOLVED] {{title}}',
  text: `${LATE_TEXT}{{title}}\n\n{{#each resolved}}${ALERT_LINE_TEXT}{{/each}}${FOOTER_TEXT}`,
  html: page(
    `<h2 style="color:#15803d">{{title}}</h2>${TABLE_HEAD}{{#each resolved}}${ALERT_ROW_HTML}{{/each}}</table>`,
  ),
  telegram: `${LATE_TG}✅ <b>{{title}}</b>\n{{#each resolved}}${ALERT_LINE_TG}{{/each}}${FOOTER_TG}`,
};

const EVENT: TemplateSources = {
  subject: '[{{SEVERITY}}] {{title}}',
  text: `${LATE_TEXT}{{title}}\n{{event.summary}}\n\n{{#each event.fields}}{{name}}: {{value}}\n{{/each}}${FOOTER_TEXT}`,
  html: page(
    '<h2>{{title}}</h2><p>{{event.summary}}</p><ul>{{#each event.fields}}<li><b>{{name}}</b>: {{value}}</li>{{/each}}</ul>',
  ),
  telegram: `${LATE_TG}ℹ️ <b>{{title}}</b>\n{{event.summary}}\n{{#each event.fields}}<b>{{name}}</b>: {{value}}\n{{/each}}${FOOTER_TG}`,
};

const DEAD: TemplateSources = {
  subject: '[NOTIFICATIONS] {{title}}',
  text:
    '{{title}}.\nReason: {{deadLetter.reason}}\nUndelivered message: "{{deadLetter.subject}}" ({{deadLetter.notificationId}})\n' +
    `Fix the address or the channel, then replay the dead letter (encoder-manager notify replay <id>).${FOOTER_TEXT}`,
  html: page(
    '<h2>{{title}}</h2><p>Reason: {{deadLetter.reason}}</p><p>Undelivered message: “{{deadLetter.subject}}” ({{deadLetter.notificationId}})</p>' +
      '<p>Fix the address or the channel, then replay the dead letter.</p>',
  ),
  telegram:
    '⛔ <b>{{title}}</b>\nReason: {{deadLetter.reason}}\nUndelivered: “{{deadLetter.subject}}”\n' +
    `<code>{{deadLetter.notificationId}}</code>${FOOTER_TG}`,
};

const TEST: TemplateSources = {
  subject: '{{title}}',
  text: `{{title}}.\nIf you can read this, {{channel}} notifications reach {{recipient.name}}.${FOOTER_TEXT}`,
  html: page(
    '<h2>{{title}}</h2><p>If you can read this, {{channel}} notifications reach {{recipient.name}}.</p>',
  ),
  telegram: `✅ <b>{{title}}</b>\nIf you can read this, {{channel}} notifications reach {{recipient.name}}.${FOOTER_TG}`,
};

/** Built-in templates by event type; `default` covers every other event. */
export const DEFAULT_TEMPLATES: Readonly<Record<string, TemplateSources>> = {
  'alert.firing': ALERT,
  'alert.resolved': RESOLVED,
  'notification.dead': DEAD,
  'notification.test': TEST,
  default: EVENT,
};

/** The built-in sources for an event type. */
export function defaultTemplate(eventType: string): TemplateSources {
  return DEFAULT_TEMPLATES[eventType] ?? EVENT;
}
