import http from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { alertsServiceRef, type Alert } from '@encoder-manager/sdk';
import { loadConfigFromSource, startAgent, type Agent } from '@encoder-manager/core';

/** A one-meeting feed; the meeting started a minute ago and runs an hour. */
const ical = (uid: string, title: string) =>
  [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//test//EN',
    'BEGIN:VEVENT',
    `UID:${uid}`,
    `DTSTART:${utcStamp(-1)}`,
    `DTEND:${utcStamp(59)}`,
    `SUMMARY:${title}`,
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');

function utcStamp(offsetMin: number): string {
  return new Date(Date.now() + offsetMin * 60_000)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

describe('"should be live" meetings check through the real alert engine', function () {
  this.timeout(90_000);
  let server: http.Server;
  let agent: Agent;

  before(async () => {
    server = http.createServer((request, response) => {
      const feed =
        request.url === '/planning.ics'
          ? ical('planning-1', 'Planning Commission')
          : ical('council-1', 'City Council Regular Meeting');
      response.writeHead(200, { 'content-type': 'text/calendar' }).end(feed);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const dir = mkdtempSync(join(tmpdir(), 'em-meetings-'));
    const source = (name: string, body: string) =>
      `        - { name: ${name}, city: Springfield, body: ${body}, type: ical, url: "http://127.0.0.1:${port}/${name}.ics", timeZone: America/Chicago }`;
    const text = `
agent: { dataDir: ${dir} }
log: { level: error, summaryIntervalSec: 0 }
alerts: { forMs: 0, holdDownMs: 0, groupWaitMs: 0, groupBy: [] }
plugins:
  scraper-ical: {}
  meetings:
    config:
      liveCheckSec: 5
      sources:
${source('council', 'City Council')}
${source('planning', 'Planning Commission')}
      links:
        - { body: City Council, stream: live/council, channel: council-chamber }
        - { body: Planning Commission, stream: live/planning, channel: annex }
`;
    const config = await loadConfigFromSource(
      { name: 'meetings.yaml', baseDir: dir, text },
      { ...process.env, DATABASE_URL: '' },
    );
    expect(config.problems.map((p) => `${p.path}: ${p.message}`)).to.deep.equal([]);
    agent = await startAgent(config, { env: { DATABASE_URL: '' } });
    // The annex is dark tonight: its meeting must not page anyone.
    await agent.services.tryUse(alertsServiceRef)!.putSilence({
      matchers: [{ name: 'stream', op: '=', value: 'live/planning' }],
      comment: 'annex dark tonight',
      createdBy: 'test',
      startsAt: Date.now(),
      endsAt: Date.now() + 3_600_000,
    });
  });
  after(async () => {
    await agent?.stop();
    await new Promise((resolve) => server.close(resolve));
  });

  it('fires critical for a meeting under way whose stream is not publishing, and not during a silence', async () => {
    const alerts = agent.services.tryUse(alertsServiceRef)!;
    const fired: Alert[] = [];
    agent.bus.subscribe('test', 'alert.firing', (event) => void fired.push(event.payload as Alert));
    const isLive = (a: Alert, stream: string) => a.name === 'meeting-live' && a.labels.stream === stream;
    await until(() => fired.some((a) => isLive(a, 'live/council')), 30_000, 'council meeting-live alert');
    await until(
      () => alerts.open().some((a) => isLive(a, 'live/planning')),
      15_000,
      'planning alert tracked',
    );
    const council = fired.find((a) => isLive(a, 'live/council'))!;
    expect(council).to.include({ severity: 'critical' });
    expect(council.suppressedBy).to.equal(undefined);
    const planning = alerts.open().find((a) => isLive(a, 'live/planning'))!;
    expect(planning).to.include({ state: 'firing', severity: 'critical', suppressedBy: 'silenced' });
    expect(
      fired.filter((a) => isLive(a, 'live/planning') && !a.suppressedBy),
      'announced despite the silence',
    ).to.deep.equal([]);
  });
});

async function until(what: () => boolean, timeoutMs: number, label: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!what()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
