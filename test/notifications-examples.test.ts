import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { EXAMPLES_FILE, renderExamples } from '../scripts/notification-examples.js';

describe('plugins/notifications/docs/examples.md', () => {
  it('is what the built-in templates, notifier-email and notifier-telegram produce today', () => {
    const page = renderExamples();
    expect(
      readFileSync(EXAMPLES_FILE, 'utf8'),
      'stale: run `npx tsx scripts/notification-examples.ts`',
    ).to.equal(page);
    expect(page).to.include('[CRITICAL] enc-council-a at 86 °C (limit 80 °C)');
  });
});
