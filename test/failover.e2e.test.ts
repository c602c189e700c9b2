import { expect } from 'chai';
import type { Alert, FailoverRecord } from '@encoder-manager/sdk';
import { startStation, type Station } from './helpers/station.js';
import { startThrottleProxy } from './helpers/throttle-proxy.js';

const kill = (pid: number | undefined, signal: NodeJS.Signals) =>
  pid !== undefined && process.kill(pid, signal);

function assertTimeline(record: FailoverRecord | undefined): void {
  expect(record?.outcome).to.equal('completed');
  const { detectedAt, decidedAt, commandedAt, confirmedAt } = record!;
  expect(decidedAt).to.be.at.least(detectedAt);
  expect(commandedAt).to.be.at.least(decidedAt!);
  expect(confirmedAt).to.be.at.least(commandedAt!);
}

describe('failover end to end (real ffmpeg encoders, real nginx-rtmp, real agent)', function () {
  this.timeout(120_000);
  let station: Station | undefined;
  afterEach(async () => {
    await station?.stop();
    station = undefined;
  });

  it('kill -9 of the primary: the backup publishes at the ingest, the failover is recorded and alerted', async () => {
    station = await startStation({ stableSec: 600 });
    const s = station;
    kill(s.pidOf('live/enc-a'), 'SIGKILL');
    await s.until(() => s.completed().length > 0, 15_000, 'failover completed');
    const channel = s.failover.channels()[0];
    expect(channel?.activeEncoder).to.equal('enc-b');
    await s.until(() => s.failover.channels()[0]?.state === 'live', 5000, 'backup live at the ingest');
    const [record] = await s.failover.history({ channel: 'council' });
    assertTimeline(record);
    expect(record).to.include({ kind: 'failover', from: 'enc-a', to: 'enc-b' });
    // Whichever side notices first: the ingest (on_publish_done) or the driver (process exit).
    expect(record?.reason).to.match(/^enc-a.*(stopped at the ingest|unreachable|failed)/);
    expect((record!.confirmedAt ?? 0) - record!.detectedAt).to.be.below(3000);
    await s.until(
      () =>
        s.events.some((e) => e.name === 'alert.firing' && (e.payload as Alert).name === 'channel-on-backup'),
      5000,
      'on-backup alert',
    );
  });

  it('a frozen primary (SIGSTOP, socket still open) is detected as stalled and replaced', async () => {
    station = await startStation({ stableSec: 600 });
    const s = station;
    const pid = s.pidOf('live/enc-a');
    kill(pid, 'SIGSTOP');
    try {
      await s.until(() => s.completed().length > 0, 15_000, 'failover after stall');
      const [record] = await s.failover.history({ channel: 'council' });
      assertTimeline(record);
      expect(record?.reason).to.match(/^enc-a.*(stalled|failed)/);
    } finally {
      kill(pid, 'SIGKILL');
    }
  });

  it('a collapsing primary bitrate at the ingest triggers failover', async () => {
    const proxy = await startThrottleProxy();
    station = await startStation({
      stableSec: 600,
      minBytesPerSec: 40_000,
      stallAfterMs: 3000,
      primaryUrl: (nginx) => proxy.urlFor(nginx.port, 'live/enc-a'),
    });
    const s = station;
    try {
      proxy.throttle(8000);
      await s.until(() => s.completed().length > 0, 20_000, 'failover after bitrate collapse');
      const [record] = await s.failover.history({ channel: 'council' });
      assertTimeline(record);
      expect(record?.reason).to.match(/^enc-a.*(bitrate collapsed|stalled|failed|unreachable)/);
    } finally {
      await proxy.stop();
    }
  });

  it('returns to the primary after it has been clean for the stable period', async () => {
    station = await startStation({ stableSec: 3, retryPrimaryEverySec: 1 });
    const s = station;
    kill(s.pidOf('live/enc-a'), 'SIGKILL');
    await s.until(() => s.completed().length >= 2, 30_000, 'failover and return');
    const [back, away] = await s.failover.history({ channel: 'council' });
    expect(away).to.include({ kind: 'failover', to: 'enc-b' });
    expect(back).to.include({ kind: 'return', from: 'enc-b', to: 'enc-a', outcome: 'completed' });
    expect(back!.detectedAt - away!.confirmedAt!).to.be.at.least(3000);
    expect(s.failover.channels()[0]?.activeEncoder).to.equal('enc-a');
    await s.until(() => s.pidOf('live/enc-b') === undefined, 10_000, 'backup stopped after return');
  });

  it('does not flap back while the primary keeps dying', async () => {
    station = await startStation({ stableSec: 3, retryPrimaryEverySec: 1 });
    const s = station;
    kill(s.pidOf('live/enc-a'), 'SIGKILL');
    await s.until(() => s.completed().length === 1, 15_000, 'first failover');
    const flapUntil = Date.now() + 10_000;
    let kills = 0;
    while (Date.now() < flapUntil) {
      const pid = s.pidOf('live/enc-a');
      if (pid !== undefined) {
        await new Promise((resolve) => setTimeout(resolve, 1200));
        kills += kill(pid, 'SIGKILL') ? 1 : 0;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(kills).to.be.at.least(2);
    expect(s.completed()).to.have.length(1);
    expect(s.failover.channels()[0]?.activeEncoder).to.equal('enc-b');
  });
});
