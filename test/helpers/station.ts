import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BusEvent, FailoverRecord, FailoverService } from '@encoder-manager/sdk';
import { failoverServiceRef } from '@encoder-manager/sdk';
import { loadConfigFromSource, startAgent, type Agent } from '@encoder-manager/core';
import { startNginxRtmp, type NginxRtmp } from './nginx-rtmp.js';

/** How the test channel is set up. */
export interface StationOptions {
  readonly mode?: 'cold' | 'warm';
  readonly stableSec?: number;
  readonly retryPrimaryEverySec?: number;
  readonly minBytesPerSec?: number;
  /** Where the primary publishes instead of nginx directly (e.g. a throttling proxy). */
  readonly primaryUrl?: (nginx: NginxRtmp) => string;
  readonly stallAfterMs?: number;
}

/** A real station: nginx-rtmp, two ffmpeg encoders, the ingest and failover plugins, on a real agent. */
export interface Station {
  readonly agent: Agent;
  readonly nginx: NginxRtmp;
  readonly events: BusEvent[];
  readonly failover: FailoverService;
  /** Resolves when the predicate holds, polling every 20 ms. */
  until(what: () => boolean, timeoutMs: number, label: string): Promise<void>;
  /** The pid of the ffmpeg process publishing `app/name`. */
  pidOf(stream: string): number | undefined;
  completed(): FailoverRecord[];
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function stationYaml(nginx: NginxRtmp, callbackPort: number, options: StationOptions): string {
  const encoder = (id: string, url: string) => `
      - id: ${id}
        labels: { site: test-site }
        input: { type: testsrc, size: 640x360, rate: 25, audio: false }
        pollIntervalMs: 500
        outputs:
          - { id: stream, kind: stream, url: "${url}", videoBitrateKbps: 800, preset: ultrafast, gopSeconds: 1 }`;
  const primaryUrl = options.primaryUrl?.(nginx) ?? nginx.rtmpUrl('live', 'enc-a');
  return `
log: { level: error, summaryIntervalSec: 0 }
alerts: { forMs: 0, holdDownMs: 0, groupWaitMs: 0 }
plugins:
  driver-ffmpeg:
    config:
      encoders:${encoder('enc-a', primaryUrl)}${encoder('enc-b', nginx.rtmpUrl('live', 'enc-b'))}
  ingest-nginx-rtmp:
    config:
      statUrl: ${nginx.statUrl}
      pollIntervalMs: 250
      stallAfterMs: ${options.stallAfterMs ?? 1000}
      callbacks: { host: 127.0.0.1, port: ${callbackPort} }
  failover:
    config:
      channels:
        - id: council
          name: Council Chamber live
          mode: ${options.mode ?? 'cold'}
          stableSec: ${options.stableSec ?? 3}
          retryPrimaryEverySec: ${options.retryPrimaryEverySec ?? 2}
          confirmTimeoutMs: 8000
          minBytesPerSec: ${options.minBytesPerSec ?? 0}
          lowRateForMs: 1500
          encoders:
            - { encoder: enc-a, output: stream, stream: live/enc-a }
            - { encoder: enc-b, output: stream, stream: live/enc-b }
`;
}

/** Starts the whole station; the primary is publishing when this resolves. */
export async function startStation(options: StationOptions = {}): Promise<Station> {
  const callbackPort = await freePort();
  const nginx = await startNginxRtmp({ notifyUrl: `http://127.0.0.1:${callbackPort}/hook` });
  const dir = mkdtempSync(join(tmpdir(), 'em-station-'));
  const text = `agent: { dataDir: ${dir} }\n${stationYaml(nginx, callbackPort, options)}`;
  const config = await loadConfigFromSource(
    { name: 'station.yaml', baseDir: dir, text },
    { ...process.env, DATABASE_URL: '' },
  );
  if (config.problems.length > 0) throw new Error(JSON.stringify(config.problems, null, 2));
  const agent = await startAgent(config, { env: { DATABASE_URL: '' } });
  const events: BusEvent[] = [];
  agent.bus.subscribe('test', '*', (event) => void events.push(event), { queueSize: 100_000 });
  const failover = agent.services.tryUse(failoverServiceRef)!;
  const until = async (what: () => boolean, timeoutMs: number, label: string) => {
    const deadline = Date.now() + timeoutMs;
    while (!what()) {
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${label}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const station: Station = {
    agent,
    nginx,
    events,
    failover,
    until,
    pidOf: (stream) => pidOf(stream),
    completed: () =>
      events
        .filter((e) => e.name === 'failover.completed')
        .map((e) => e.payload as unknown as FailoverRecord),
    stop: async () => {
      await agent.stop();
      await nginx.stop();
    },
  };
  await until(() => failover.channels()[0]?.state === 'live', 20_000, 'primary live at the ingest');
  return station;
}

function pidOf(stream: string): number | undefined {
  try {
    const out = execFileSync('pgrep', ['-n', '-f', `ffmpeg.*${stream}`], { encoding: 'utf8' });
    return Number(out.trim().split('\n')[0]);
  } catch {
    return undefined;
  }
}
