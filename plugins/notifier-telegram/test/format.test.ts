import { expect } from 'chai';
import { CallbackCodec, escapeHtml, renderChunks, silenceLabel } from '../src/index.js';
import { parseChat } from '../src/chat.js';
import { parseTelegramHtml } from './helpers/telegram-html.js';
import { alertMessage } from './helpers/notifier.js';

describe('notifier-telegram formatting', () => {
  it('escapes exactly the characters Telegram HTML needs', () => {
    expect(escapeHtml('a < b && c > "d" \'e\'')).to.equal("a &lt; b &amp;&amp; c &gt; &quot;d&quot; 'e'");
  });

  it('renders only tags Telegram allows, and the visible text equals the input', () => {
    const text = '<p>Hi</p> <b>not bold</b> &amp; &#60; <a href="x">link</a> 🎥';
    const [chunk, ...rest] = renderChunks(alertMessage({ subject: 'S <1>', text, id: 'id-<1>' }));
    expect(rest).to.deep.equal([]);
    const parsed = parseTelegramHtml(chunk?.html ?? '');
    expect(parsed).to.deep.equal({ ok: true, text: `S <1>\n${text}\n\nNotification id-<1>` });
    expect(chunk?.plain).to.equal(`S <1>\n${text}\n\nNotification id-<1>`);
  });

  it('sends HTML written for Telegram as it is (the notifications Telegram template), split at lines', () => {
    const html = '🔴 <b>CRITICAL: enc-1 &amp; enc-2 down</b>\n• <b>stream-down</b>: enc-1\n<code>n-42</code>';
    const [chunk, ...rest] = renderChunks(alertMessage({ id: 'n-42', html }));
    expect(rest).to.deep.equal([]);
    expect(chunk?.html).to.equal(html);
    expect(chunk?.plain).to.equal('🔴 CRITICAL: enc-1 & enc-2 down\n• stream-down: enc-1\nn-42');
    expect(parseTelegramHtml(chunk?.html ?? '').ok).to.equal(true);
    const long = Array.from({ length: 40 }, (_, i) => `• <b>alert ${i}</b>: ${'x'.repeat(60)}`).join('\n');
    const chunks = renderChunks(alertMessage({ html: long }), 1000);
    expect(chunks.length).to.be.greaterThan(2);
    for (const c of chunks) expect(parseTelegramHtml(c.html).ok, c.html).to.equal(true);
    expect(chunks.at(-1)?.plain, 'the id is added when the HTML lacks it').to.match(/Notification n-\d+/);
  });

  it('ignores HTML Telegram cannot show (an e-mail body) and sends the escaped text instead', () => {
    const message = alertMessage({ html: '<p>Encoder <b>enc-1</b> is hot</p>' });
    const [chunk] = renderChunks(message);
    expect(chunk?.html.startsWith(`<b>${message.subject}</b>\n`)).to.equal(true);
    expect(chunk?.html).not.to.include('<p>');
  });

  it('keeps every chunk within the limit and never splits a surrogate pair', () => {
    const text = '🎥'.repeat(3000);
    const chunks = renderChunks(alertMessage({ text }), 1000);
    for (const chunk of chunks) {
      expect(chunk.html.length).to.be.at.most(1000);
      expect(parseTelegramHtml(chunk.html).ok).to.equal(true);
      expect(chunk.plain).to.not.match(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    }
    expect(
      chunks
        .map((c) => c.plain)
        .join('')
        .split('🎥').length - 1,
    ).to.equal(3000);
  });

  it('the fake Bot API refuses HTML Telegram would refuse', () => {
    expect(parseTelegramHtml('<p>x</p>')).to.deep.include({ ok: false });
    expect(parseTelegramHtml('<b>x')).to.deep.include({ ok: false });
    expect(parseTelegramHtml('a < b')).to.deep.include({ ok: false });
    expect(parseTelegramHtml('<b><i>x</b></i>')).to.deep.include({ ok: false });
  });

  it('labels the silence button from its duration', () => {
    expect([silenceLabel(3600), silenceLabel(1800), silenceLabel(5400), silenceLabel(7200)]).to.deep.equal([
      'Silence 1h',
      'Silence 30m',
      'Silence 1h30m',
      'Silence 2h',
    ]);
  });

  it('encodes callback data within 64 bytes and decodes only its own', () => {
    const codec = new CallbackCodec();
    expect(codec.encode('acknowledge', 'abc')).to.equal('ack:abc');
    const long = codec.encode('silence', 'é'.repeat(40));
    expect(Buffer.byteLength(long)).to.be.at.most(64);
    expect(codec.decode(long)).to.deep.equal({ action: 'silence', fingerprint: 'é'.repeat(40) });
    expect(codec.decode('ack:~999')).to.equal(undefined);
    expect(codec.decode('other')).to.equal(undefined);
    expect(new CallbackCodec().decode(long)).to.equal(undefined);
  });

  it('accepts chat ids and @channel names as addresses', () => {
    expect(parseChat('123')).to.deep.equal({ id: '123', isGroup: false });
    expect(parseChat('-1001234567890123')).to.deep.equal({ id: '-1001234567890123', isGroup: true });
    expect(parseChat('@council_live')).to.deep.equal({ id: '@council_live', isGroup: true });
    expect(parseChat('council live')).to.equal(undefined);
  });
});
