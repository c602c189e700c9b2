import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { Alert, CheckResult } from '@encoder-manager/sdk';
import { loadConfigFromSource, startAgent, type Agent } from '@encoder-manager/core';
import { startNginxRtmp, type NginxRtmp } from '../../../test/helpers/nginx-rtmp.js';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function stationYaml(dataDir: string, nginx: NginxRtmp, callbackPort: number): string {
  return `
agent: { dataDir: ${dataDir} }
log: { level: silent, summaryIntervalSec: 0 }
alerts: { forMs: 0, holdDownMs: 0, groupWaitMs: 0 }
plugins:
  ingest-nginx-rtmp:
    config:
      statUrl: ${nginx.statUrl}
      pollIntervalMs: 250
      stallAfterMs: 1000
      requestTimeoutMs: 500
      callbacks: { host: 127.0.0.1, port: ${callbackPort} }
  checks-ingest:
    config:
      rateWindowSec: 2
      quietAfterSec: 2
      checkIntervalSec: 0.5
      streams:
        - { stream: live/chamber-a, encoder: chamber-a, minBytesPerSec: 20000, labels: { site: city-hall } }
        - { stream: live/chamber-b, encoder: chamber-b }
`;
}

/** A real ffmpeg test-pattern encoder publishing to nginx (streams-and-failover.md §4.1, lighter settings). */
function publish(url: string): ChildProcess {
  const args = [
    '-hide_banner',
    '-nostats',
    '-loglevel',
    'error',
    '-re',
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=640x360:rate=25',
  ];
  args.push('-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-b:v', '800k', '-g', '25');
  args.push('-pix_fmt', 'yuv420p', '-an', '-f', 'flv', url);
  return spawn('ffmpeg', args, { stdio: 'ignore' });
}

describe('checks-ingest in a real agent (nginx-rtmp, ffmpeg, ingest-nginx-rtmp)', function () {
  this.timeout(40_000);
  let nginx: NginxRtmp | undefined;
  let agent: Agent | undefined;
  let ffmpeg: ChildProcess | undefined;
  let dataDir: string | undefined;
  afterEach(async () => {
    if (ffmpeg && ffmpeg.exitCode === null) ffmpeg.kill('SIGKILL');
    await agent?.stop();
    await nginx?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('ok while received; critical alerts for a stream never seen, a quiet ingest and a stopped encoder', async () => {
    const callbackPort = await freePort();
    nginx = await startNginxRtmp({ notifyUrl: `http://127.0.0.1:${callbackPort}/hook` });
    dataDir = mkdtempSync(join(tmpdir(), 'em-checks-ingest-'));
    const source = {
      name: 'station.yaml',
      baseDir: dataDir,
      text: stationYaml(dataDir, nginx, callbackPort),
    };
    const config = await loadConfigFromSource(source, { ...process.env, DATABASE_URL: '' });
    expect(config.problems).to.deep.equal([]);
    agent = await startAgent(config, { env: { DATABASE_URL: '' } });
    const results: CheckResult[] = [];
    const firing: Alert[] = [];
    const resolved: Alert[] = [];
    agent.bus.subscribe('test', 'check.result', (e) => void results.push(e.payload as CheckResult), {
      queueSize: 100_000,
    });
    agent.bus.subscribe('test', 'alert.firing', (e) => void firing.push(e.payload as Alert));
    agent.bus.subscribe('test', 'alert.resolved', (e) => void resolved.push(e.payload as Alert));
    ffmpeg = publish(nginx.rtmpUrl('live', 'chamber-a'));
    const firingFor = (stream: string, text: string) => () =>
      firing.find((a) => a.labels.stream === stream && a.severity === 'critical' && a.summary.includes(text));

    // 1. chamber-a is received at a measured rate: ok.
    await until(
      () =>
        results.some((r) => r.subject === 'live/chamber-a' && r.status === 'ok' && (r.value ?? 0) > 20_000),
      15_000,
    );
    const ok = results.find(
      (r) => r.subject === 'live/chamber-a' && r.status === 'ok' && (r.value ?? 0) > 20_000,
    )!;
    expect(ok.labels).to.deep.equal({ site: 'city-hall', stream: 'live/chamber-a', encoder: 'chamber-a' });
    expect(ok.message).to.match(/^live\/chamber-a received: \d+ kbit\/s \(\d+ B\/s\), 640x360 25 fps$/);

    // 2. chamber-b was never published: critical once quietAfterSec has passed.
    const neverSeen = await until(
      firingFor('live/chamber-b', 'has not reported live/chamber-b since the agent started'),
      10_000,
    );
    expect(neverSeen.labels).to.include({
      encoder: 'chamber-b',
      stream: 'live/chamber-b',
      check: 'ingest-stream',
    });

    // 3. The ingest freezes (nginx SIGSTOPped): no more reports → critical for chamber-a.
    process.kill(nginx.pid, 'SIGSTOP');
    const frozenAt = Date.now();
    const quiet = await until(
      firingFor('live/chamber-a', 'no report from the ingest about live/chamber-a'),
      10_000,
    );
    const quietAfterMs = Date.now() - frozenAt;
    process.kill(nginx.pid, 'SIGCONT');
    await until(() => resolved.find((a) => a.fingerprint === quiet.fingerprint), 15_000);

    // 4. The encoder stops: nginx's on_publish_done → not publishing → critical, same alert identity.
    ffmpeg.kill('SIGKILL');
    const stoppedAt = Date.now();
    const stopped = await until(firingFor('live/chamber-a', 'nothing is publishing'), 10_000);
    const stoppedAfterMs = Date.now() - stoppedAt;
    expect(stopped.fingerprint).to.equal(quiet.fingerprint);
    expect(stopped.labels).to.include({ encoder: 'chamber-a', site: 'city-hall' });
    console.log(
      `      quiet ingest → alert in ${quietAfterMs} ms; stopped encoder → alert in ${stoppedAfterMs} ms`,
    );
    expect(
      firing.filter((a) => a.labels.stream === 'live/chamber-a' && a.severity !== 'critical'),
    ).to.deep.equal([]);
  });
});

async function until<T>(found: () => T | undefined | false, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = found();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
