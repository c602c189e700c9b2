import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { failoverServiceRef, type Alert } from '@encoder-manager/sdk';
import { loadConfigFromSource, startAgent, type Agent } from '@encoder-manager/core';
import { startAjaHeloSimulator, type AjaHeloSimulator } from '@encoder-manager/plugin-driver-aja-helo';
import { startNginxRtmp, type NginxRtmp } from './helpers/nginx-rtmp.js';
import { freePort } from './helpers/station.js';

/** An AJA HELO (simulated, on the wire) as primary; a real ffmpeg encoder as backup at a real nginx-rtmp. */
function stationYaml(dir: string, sim: AjaHeloSimulator, nginx: NginxRtmp, callbackPort: number): string {
  return `
agent: { dataDir: ${dir} }
log: { level: error, summaryIntervalSec: 0 }
alerts: { forMs: 0, holdDownMs: 0, groupWaitMs: 0 }
plugins:
  driver-aja-helo:
    config:
      encoders:
        - { id: helo-a, host: 127.0.0.1, port: ${sim.port}, pollIntervalMs: 1000, labels: { site: chamber } }
  driver-ffmpeg:
    config:
      encoders:
        - id: enc-b
          input: { type: testsrc, size: 640x360, rate: 25, audio: false }
          outputs: [{ id: stream, kind: stream, url: "${nginx.rtmpUrl('live', 'enc-b')}", videoBitrateKbps: 800, preset: ultrafast }]
  ingest-nginx-rtmp:
    config: { statUrl: ${nginx.statUrl}, pollIntervalMs: 250, callbacks: { host: 127.0.0.1, port: ${callbackPort} } }
  checks-encoder:
    config:
      temperature: { warningC: 75, criticalC: 85, trend: { windowSec: 20, minSpanSec: 2, criticalWithinMin: 10 } }
  failover:
    config:
      channels:
        - id: council
          stableSec: 3600
          encoders:
            - { encoder: helo-a, output: stream }
            - { encoder: enc-b, output: stream, stream: live/enc-b }
`;
}

describe('thermal failover end to end (AJA HELO simulator → ffmpeg backup at nginx-rtmp)', function () {
  this.timeout(120_000);
  let sim: AjaHeloSimulator;
  let nginx: NginxRtmp;
  let agent: Agent;

  before(async () => {
    sim = await startAjaHeloSimulator({ temperatureC: 62 });
    const callbackPort = await freePort();
    nginx = await startNginxRtmp({ notifyUrl: `http://127.0.0.1:${callbackPort}/hook` });
    const dir = mkdtempSync(join(tmpdir(), 'em-thermal-'));
    const text = stationYaml(dir, sim, nginx, callbackPort);
    const config = await loadConfigFromSource(
      { name: 'thermal.yaml', baseDir: dir, text },
      { ...process.env, DATABASE_URL: '' },
    );
    expect(config.problems).to.deep.equal([]);
    agent = await startAgent(config, { env: { DATABASE_URL: '' } });
  });
  after(async () => {
    await agent?.stop();
    await nginx?.stop();
    await sim?.close();
  });

  it('fails over to the backup on a predicted overheat, before the HELO reaches its limit', async () => {
    const failover = agent.services.tryUse(failoverServiceRef)!;
    const alerts: Alert[] = [];
    agent.bus.subscribe('test', 'alert.firing', (event) => void alerts.push(event.payload as Alert));
    await until(() => failover.channels()[0]?.state === 'live', 20_000, 'HELO stream output active');
    sim.startOverheat({ ratePerSec: 0.4, fromC: 64 });
    const rampStart = Date.now();
    await until(
      () => failover.channels()[0]?.activeEncoder === 'enc-b' && failover.channels()[0]?.state === 'live',
      60_000,
      'thermal failover',
    );
    const temperatureAtSwitch = sim.temperature();
    const [record] = await failover.history({ channel: 'council' });
    expect(record).to.include({ kind: 'failover', from: 'helo-a', to: 'enc-b', outcome: 'completed' });
    expect(record?.reason).to.contain('alert temperature on helo-a');
    expect(temperatureAtSwitch, 'switched before the 85 °C limit').to.be.below(85);
    const thermal = alerts.find((alert) => alert.name === 'temperature' && alert.labels.encoder === 'helo-a');
    expect(thermal?.severity).to.equal('critical');
    expect(Date.now() - rampStart).to.be.below(55_000);
  });
});

async function until(what: () => boolean, timeoutMs: number, label: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!what()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
