import { expect } from 'chai';
import type { ProgressBlock } from '../src/index.js';
import { ProgressStats } from '../src/progress-stats.js';
import { parseRtmpStat } from '../../../test/helpers/nginx-rtmp-stat.js';

const block = (frame: number, totalSizeBytes: number, extra: Partial<ProgressBlock> = {}): ProgressBlock => ({
  frame,
  totalSizeBytes,
  dupFrames: 0,
  dropFrames: 0,
  end: false,
  ...extra,
});

describe('progress figures over a window', () => {
  it('measures fps and kbit/s from the blocks of the last 3 s, not ffmpeg’s averages since the start', () => {
    const stats = new ProgressStats();
    stats.add(0, block(30, 0, { fps: 30, bitrateKbps: 2500 }), 30);
    expect(stats.fps()).to.equal(30); // one block: ffmpeg's own figure
    stats.add(1000, block(60, 312_500), 30);
    stats.add(2000, block(90, 625_000), 30);
    expect(stats.fps()).to.equal(30);
    expect(stats.bitrateKbps()).to.equal(2500);
    // Bitrate collapses: ffmpeg's average would still say ~2000; the window sees it within 3 s.
    for (const at of [3000, 4000, 5000, 6000])
      stats.add(at, block(90 + (at / 1000 - 2) * 30, 625_000 + (at / 1000 - 2) * 12_500), 30);
    expect(stats.bitrateKbps()).to.equal(100);
  });

  it('counts frames that fell behind real time (beyond 0.5 s of jitter) as dropped, plus drop_frames', () => {
    const stats = new ProgressStats();
    stats.add(0, block(1, 0), 30);
    stats.add(500, block(16, 0), 30);
    expect(stats.droppedFrames()).to.equal(0);
    stats.add(2500, block(16, 0, { dropFrames: 2 }), 30); // frozen for 2 s: 60 frames expected, none came
    expect(stats.droppedFrames()).to.equal(2 + Math.floor(75 - 15 - 15));
    stats.add(3000, block(91, 0, { dropFrames: 2 }), 30); // caught up in a burst: the loss stays counted
    expect(stats.droppedFrames()).to.equal(47);
    expect(stats.lastAdvanceAt).to.equal(3000);
  });
});

describe('nginx-rtmp /stat parsing (test helper, doc §3.1 sample)', () => {
  it('finds the publishing stream and its counters', () => {
    const xml = `<?xml version="1.0" encoding="utf-8" ?><rtmp><nginx_version>1.22.1</nginx_version><bytes_in>4640395</bytes_in>
<server><application><name>live</name><live>
 <stream><name>primary</name><time>13561</time><bw_in>2844848</bw_in><bytes_in>4630559</bytes_in><bw_out>0</bw_out><bytes_out>0</bytes_out>
  <client><id>1</id><address>127.0.0.1</address><dropped>0</dropped><publishing/><active/></client>
  <nclients>1</nclients><publishing/><active/></stream>
 <stream><name>idle</name><time>10</time><bw_in>0</bw_in><bytes_in>0</bytes_in><nclients>0</nclients></stream>
 <nclients>1</nclients></live></application><application><name>backup</name><live><nclients>0</nclients></live></application></server></rtmp>`;
    const stat = parseRtmpStat(xml);
    expect(stat.stream('live/primary')).to.deep.equal({
      path: 'live/primary',
      app: 'live',
      name: 'primary',
      publishing: true,
      bytesIn: 4630559,
      bwInBps: 2844848,
      timeMs: 13561,
      nclients: 1,
    });
    expect(stat.stream('live/idle')?.publishing).to.equal(false);
    expect(stat.streams).to.have.length(2);
    expect(() => parseRtmpStat('<html/>')).to.throw(/not an nginx-rtmp \/stat document/);
  });
});
