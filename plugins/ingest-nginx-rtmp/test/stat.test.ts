import { expect } from 'chai';
import { parseStat } from '../src/stat.js';
import { StreamTracker } from '../src/tracker.js';

// The document's tested /stat output (streams-and-failover.md §3.1), trimmed to one stream.
const STAT = `<?xml version="1.0" encoding="utf-8" ?><rtmp><nginx_version>1.22.1</nginx_version><nginx_rtmp_version>1.1.4</nginx_rtmp_version>
<uptime>18</uptime><naccepted>1</naccepted><bw_in>2850992</bw_in><bytes_in>4640395</bytes_in>
<server><application><name>live</name><live>
 <stream><name>primary</name><time>13561</time><bw_in>2844848</bw_in><bytes_in>4630559</bytes_in><bw_out>0</bw_out><bytes_out>0</bytes_out>
  <client><id>1</id><address>127.0.0.1</address><time>13734</time><flashver>FMLE/3.0 (compatible; Lavf59.27</flashver>
          <dropped>0</dropped><avsync>-8</avsync><timestamp>13554</timestamp><publishing/><active/></client>
  <meta><video><width>1280</width><height>720</height><frame_rate>30</frame_rate><codec>H264</codec></video>
        <audio><codec>AAC</codec></audio></meta>
  <nclients>1</nclients><publishing/><active/></stream>
 <stream><name>idle</name><time>100</time><bytes_in>0</bytes_in><nclients>1</nclients><active/></stream>
 <nclients>2</nclients></live></application></server></rtmp>`;

describe('parseStat', () => {
  it('reads publishing streams, bytes_in, declared video and the publisher id', () => {
    expect(parseStat(STAT, 'test')).to.deep.equal([
      {
        stream: 'live/primary',
        publishing: true,
        bytesIn: 4630559,
        width: 1280,
        height: 720,
        fps: 30,
        publisherId: '1',
      },
      {
        stream: 'live/idle',
        publishing: false,
        bytesIn: 0,
        width: undefined,
        height: undefined,
        fps: undefined,
        publisherId: undefined,
      },
    ]);
  });

  it('reads a server with no streams', () => {
    expect(
      parseStat(
        '<rtmp><server><application><name>live</name><live><nclients>0</nclients></live></application></server></rtmp>',
        't',
      ),
    ).to.deep.equal([]);
  });

  it('names the source when the reply is not a stat document', () => {
    expect(() => parseStat('<html><body>502 Bad Gateway</body></html>', 'http://x/stat')).to.throw(
      /http:\/\/x\/stat did not return an nginx-rtmp <rtmp> stat document/,
    );
  });
});

describe('StreamTracker', () => {
  const stat = (bytesIn: number, publishing = true) => [
    { stream: 'live/a', publishing, bytesIn, publisherId: '7' },
  ];

  it('derives the receive rate from the bytes_in delta, not bw_in', () => {
    const tracker = new StreamTracker('t', 2000);
    tracker.observe(stat(1000), 0);
    const [event] = tracker.observe(stat(301_000), 1000);
    expect(event).to.include({ publishing: true, stalled: false, bytesInPerSec: 300_000 });
  });

  it('calls a publishing stream stalled when bytes stop growing past the threshold', () => {
    const tracker = new StreamTracker('t', 2000);
    tracker.observe(stat(1000), 0);
    tracker.observe(stat(5000), 1000);
    expect(tracker.observe(stat(5000), 2500)[0]?.stalled).to.equal(false);
    expect(tracker.observe(stat(5000), 3000)[0]).to.include({ stalled: true, bytesInPerSec: 0 });
  });

  it('reports a stream that left /stat as no longer publishing, once', () => {
    const tracker = new StreamTracker('t', 2000);
    tracker.observe(stat(1000), 0);
    expect(tracker.observe([], 1000)).to.deep.equal([
      {
        stream: 'live/a',
        publishing: false,
        stalled: false,
        source: 't',
        clientId: '7',
        bytesInPerSec: 0,
        width: undefined,
        height: undefined,
        fps: undefined,
        at: 1000,
      },
    ]);
    expect(tracker.observe([], 2000)).to.deep.equal([]);
  });

  it('ignores publish_done from a rejected second publisher (different client id)', () => {
    const tracker = new StreamTracker('t', 2000);
    tracker.callback('publish', 'live/a', '7', 0);
    expect(tracker.callback('publish_done', 'live/a', '8', 10)).to.equal(undefined);
    expect(tracker.callback('publish_done', 'live/a', '7', 20)?.publishing).to.equal(false);
  });
});
