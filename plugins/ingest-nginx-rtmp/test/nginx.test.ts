import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { expect } from 'chai';
import type { StreamStateEvent } from '@encoder-manager/sdk';
import { ingestsRef } from '@encoder-manager/sdk';
import { createTestContext, type TestContext } from '@encoder-manager/sdk/testing';
import { systemClock } from '@encoder-manager/core';
import { startNginxRtmp, type NginxRtmp } from '../../../test/helpers/nginx-rtmp.js';
import ingestPlugin from '../src/index.js';

/** A test-pattern publisher, as streams-and-failover.md §4.1 runs it (smaller and faster). */
function publish(url: string): ChildProcess {
  const args = [
    '-hide_banner',
    '-loglevel',
    'error',
    '-re',
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=320x240:rate=25',
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-tune',
    'zerolatency',
    '-g',
    '25',
    '-pix_fmt',
    'yuv420p',
    '-f',
    'flv',
    url,
  ];
  return spawn('ffmpeg', args, { stdio: 'ignore' });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

describe('ingest-nginx-rtmp against a real nginx-rtmp and ffmpeg', function () {
  this.timeout(60_000);
  let nginx: NginxRtmp;
  let t: TestContext;
  let stop: () => Promise<void>;
  const encoders: ChildProcess[] = [];
  const states = (stream: string) =>
    t.events
      .filter((e) => e.name === 'stream.state')
      .map((e) => e.payload as StreamStateEvent)
      .filter((s) => s.stream === stream);
  const until = async (what: () => boolean, ms: number) => {
    const deadline = Date.now() + ms;
    while (!what()) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  before(async () => {
    const callbackPort = await freePort();
    nginx = await startNginxRtmp({ notifyUrl: `http://127.0.0.1:${callbackPort}/hook` });
    t = createTestContext({ name: 'ingest-nginx-rtmp', clock: systemClock });
    const config = {
      statUrl: nginx.statUrl,
      pollIntervalMs: 250,
      stallAfterMs: 1500,
      requestTimeoutMs: 1000,
      callbacks: { host: '127.0.0.1', port: callbackPort },
    };
    const instance = (await ingestPlugin.setup(t.ctx, config)) ?? {};
    await instance.ready?.();
    stop = async () => {
      await instance.stop?.();
      await t.stop();
    };
  });
  after(async () => {
    for (const encoder of encoders) encoder.kill('SIGKILL');
    await stop();
    await nginx.stop();
  });

  it('sees a publisher go live with a measured receive rate and video size', async () => {
    encoders.push(publish(nginx.rtmpUrl('live', 'enc-a')));
    await until(
      () => states('live/enc-a').some((s) => s.publishing && (s.bytesInPerSec ?? 0) > 0 && s.width === 320),
      15_000,
    );
    const live = states('live/enc-a').filter((s) => s.publishing)[0];
    expect(live?.clientId).to.be.a('string');
  });

  it('confirms a stream through waitForPublishing (the failover confirmation path)', async () => {
    const [ingest] = t.ctx.useAll(ingestsRef);
    const waiting = ingest!.waitForPublishing('live/enc-b', 15_000);
    const started = Date.now();
    encoders.push(publish(nginx.rtmpUrl('live', 'enc-b')));
    const state = await waiting;
    expect(state?.publishing).to.equal(true);
    expect(Date.now() - started).to.be.below(5000);
  });

  it('marks a frozen publisher (SIGSTOP) stalled from the bytes_in delta', async () => {
    const frozen = encoders[0]!;
    const flowing = () => {
      const last = states('live/enc-a').at(-1);
      return last?.publishing === true && last.stalled === false && (last.bytesInPerSec ?? 0) > 0;
    };
    await until(flowing, 20_000);
    frozen.kill('SIGSTOP');
    const stoppedAt = Date.now();
    await until(() => states('live/enc-a').at(-1)?.stalled === true, 20_000);
    // 1.5 s threshold + one 250 ms poll; the margin absorbs a loaded CI machine.
    expect(Date.now() - stoppedAt).to.be.below(6000);
    frozen.kill('SIGCONT');
  });

  it('reports a killed publisher as gone at once through on_publish_done', async () => {
    const before = states('live/enc-b').length;
    encoders[1]!.kill('SIGKILL');
    const killedAt = Date.now();
    await until(
      () =>
        states('live/enc-b')
          .slice(before)
          .some((s) => !s.publishing),
      10_000,
    );
    expect(Date.now() - killedAt).to.be.below(1500);
  });
});
