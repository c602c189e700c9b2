import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { Alert, CheckResult, EncoderSample } from '@encoder-manager/sdk';
import { loadConfigFromSource, startAgent, type Agent } from '@encoder-manager/core';

/** A real agent: driver-simulated (250 ms polls, chamber-a overheats 2 s after start) and checks-encoder. */
function stationYaml(dataDir: string): string {
  return `
agent: { dataDir: ${dataDir} }
log: { level: silent, summaryIntervalSec: 0 }
polling: { jitterMs: 0 }
alerts: { forMs: 0, groupWaitMs: 0 }
plugins:
  driver-simulated:
    config:
      pollIntervalMs: 250
      seed: 11
      encoders:
        - { id: chamber-a, labels: { site: city-hall } }
        - { id: chamber-b, labels: { site: city-hall } }
      faults:
        - { encoder: chamber-a, kind: overheat, startAfterSec: 2 }
  checks-encoder:
    config:
      # 250 ms polls keep 30 s of history (polling.historySize 120): windows scaled to match.
      outputs: { expectActive: [stream] }
      bitrate: { expectedKbps: { stream: 4500 }, windowSec: 4 }
      fps: { expectedFps: 29.97, windowSec: 4 }
      # The simulator drops a burst of up to 8 frames about every 15 min; over a 3–6 s span that alone
      # would read as 80–160 frames/min, so the rates are scaled to the short window.
      droppedFrames: { windowSec: 6, minSpanSec: 3, warningPerMin: 200, criticalPerMin: 400 }
      cpu: { windowSec: 5 }
      temperature:
        trend: { windowSec: 20, minSpanSec: 2 }
`;
}

describe('checks-encoder in a real agent (driver-simulated overheat)', function () {
  this.timeout(30_000);
  let agent: Agent | undefined;
  let dataDir: string | undefined;
  afterEach(async () => {
    await agent?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('fires a critical temperature alert for the overheating encoder before it reaches 85 °C, nothing for the other', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'em-checks-encoder-'));
    const source = { name: 'station.yaml', baseDir: dataDir, text: stationYaml(dataDir) };
    const config = await loadConfigFromSource(source, { ...process.env, DATABASE_URL: '' });
    expect(config.problems).to.deep.equal([]);
    const startedAt = Date.now();
    agent = await startAgent(config, { env: { DATABASE_URL: '' } });
    const firing: Alert[] = [];
    const results: CheckResult[] = [];
    const samples: EncoderSample[] = [];
    agent.bus.subscribe('test', 'alert.firing', (event) => void firing.push(event.payload as Alert));
    agent.bus.subscribe('test', 'check.result', (event) => void results.push(event.payload as CheckResult), {
      queueSize: 100_000,
    });
    agent.bus.subscribe(
      'test',
      'encoder.sample',
      (event) => void samples.push(event.payload as EncoderSample),
      { queueSize: 100_000 },
    );

    await until(() => firing.some((a) => a.name === 'temperature' && a.severity === 'critical'), 20_000);
    const alert = firing.find((a) => a.name === 'temperature' && a.severity === 'critical')!;
    const hottestBefore = Math.max(
      ...samples
        .filter((s) => s.encoderId === 'chamber-a' && s.at <= alert.startsAt)
        .map((s) => s.metrics.temperatureC ?? 0),
    );
    const secondsAfterStart = (alert.startsAt - startedAt) / 1000;
    console.log(
      `      critical at ${alert.value} °C, ${secondsAfterStart.toFixed(1)} s after start: ${alert.summary}`,
    );

    expect(alert.labels).to.include({
      encoder: 'chamber-a',
      family: 'simulated',
      site: 'city-hall',
      check: 'temperature',
      subject: 'chamber-a',
    });
    expect(alert.value).to.be.below(85);
    expect(hottestBefore).to.be.below(85);
    expect(alert.summary).to.match(
      /^temperature \d\d\.\d °C rising \d+\.\d °C\/min — reaches the 85 °C limit in under a minute$/,
    );
    expect(agent.alerts.open().map((a) => a.fingerprint)).to.include(alert.fingerprint);

    // chamber-b ran every check on every poll and never alarmed.
    const checked = new Set(results.filter((r) => r.labels.encoder === 'chamber-b').map((r) => r.check));
    expect([...checked].sort()).to.deep.equal([
      'bitrate',
      'cpu',
      'dropped-frames',
      'fps',
      'output-state',
      'reachability',
      'temperature',
    ]);
    expect(firing.filter((a) => a.labels.encoder === 'chamber-b')).to.deep.equal([]);
    expect(results.filter((r) => r.labels.encoder === 'chamber-b' && r.status !== 'ok')).to.deep.equal([]);
  });
});

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
