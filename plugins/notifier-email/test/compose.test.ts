import { expect } from 'chai';
import { composeMail } from '../src/compose.js';
import { message } from './helpers/notifier.js';

const settings = { from: 'Encoder Manager <alerts@station.example>', messageIdDomain: 'station.example' };

describe('notifier-email message composition', () => {
  it('adds the notification id as a footer, inside <body> of a whole HTML document', () => {
    const sent = message({ html: '<!doctype html><html><body><p>enc-1 is hot</p></body></html>' });
    const mail = composeMail(sent, 'ops@station.example', settings, 0);
    expect(mail.text).to.equal(`${sent.text}\n\n-- \nNotification ID: ${sent.id}\n`);
    expect(mail.html).to.match(
      new RegExp(`<p>enc-1 is hot</p><p [^>]*>Notification ID: <code>${sent.id}</code></p></body></html>$`),
    );
  });

  it('does not repeat the id when the rendered body already shows it (the built-in templates do)', () => {
    const sent = message();
    const withId = {
      ...sent,
      text: `${sent.text}\nNotification ${sent.id}\n`,
      html: `<p>Notification ${sent.id}</p>`,
    };
    const mail = composeMail(withId, 'ops@station.example', settings, 0);
    expect(mail.text).to.equal(withId.text);
    expect(mail.html).to.equal(withId.html);
  });
});
