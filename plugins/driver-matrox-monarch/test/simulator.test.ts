import { expect } from 'chai';
import { spawnSimulator } from '@encoder-manager/sdk/testing';
import { startMatroxMonarchSimulator, type MonarchVariant } from '../src/index.js';
import { parseCliArgs } from '../src/simulator/cli-args.js';

const AUTH = { authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` };

describe('Monarch simulator wire format', () => {
  // The exact lines of encoders.md §3.3, spacing included.
  const LINES: readonly [MonarchVariant, string, Record<string, string>, string][] = [
    ['hd', '/Monarch', {}, 'RECORD: READY, STREAM:RTMP,READY, NAME:DEVICE1'],
    ['hd', '/Monarch', { stream: 'DISABLED' }, 'RECORD: READY, STREAM:DISABLED,DISABLED, NAME:DEVICE1'],
    ['hdx', '/Monarch', { enc2: 'NONE' }, 'ENC1:RECORD,READY, ENC2:NONE,DISABLED, NAME:DEVICE1'],
    ['lcs', '/Monarch', {}, 'ENC1:RECORD,READY,ENC2:RTMP,READY,FILETRANSFER:OFF,NAME:DEVICE1'],
    ['nvs30', '/NVS', {}, 'RECORD:READY,STREAM:RTMP,READY,NAME:DEVICE1'],
  ];
  for (const [variant, prefix, modes, line] of LINES) {
    it(`${variant}: GET ${prefix}/syncconnect/sdk.aspx?command=GetStatus → "${line}"`, async () => {
      const sim = await startMatroxMonarchSimulator({ variant, modes, name: 'DEVICE1' });
      try {
        const reply = await fetch(`${sim.url}${prefix}/syncconnect/sdk.aspx?command=GetStatus`, {
          headers: AUTH,
        });
        expect(reply.headers.get('content-type')).to.contain('text/plain');
        expect(await reply.text()).to.equal(`${line}\r\n`);
      } finally {
        await sim.close();
      }
    });
  }

  it('answers FAILED to commands of other models and bad LCS layouts, SUCCESS to valid ones', async () => {
    const sim = await startMatroxMonarchSimulator({ variant: 'lcs', commandMs: 0 });
    const send = async (command: string) =>
      (
        await (
          await fetch(`${sim.url}/Monarch/syncconnect/sdk.aspx?command=${command}`, { headers: AUTH })
        ).text()
      ).trim();
    try {
      expect(await send('StartStreaming')).to.equal('FAILED');
      expect(await send('StartEncoder1')).to.equal('FAILED');
      expect(await send('SetDynamicOutput,SHOW_B')).to.equal('SUCCESS');
      expect(await send('SetDynamicOutput,SIDE_BY_SIDE')).to.equal('FAILED');
      expect(sim.device.dynamicOutput).to.equal('SHOW_B');
    } finally {
      await sim.close();
    }
  });

  it('takes control commands on /__sim without auth, and refuses bad ones with 400', async () => {
    const sim = await startMatroxMonarchSimulator({ variant: 'hdx' });
    try {
      const post = (body: string) => fetch(`${sim.url}/__sim`, { method: 'POST', body });
      const ok = (await (await post('mode enc2 RTSP')).json()) as { result: { getStatus: string } };
      expect(ok.result.getStatus).to.equal('ENC1:RECORD,READY, ENC2:RTSP,READY, NAME:MONARCH1');
      const bad = await post('output enc3 active');
      expect(bad.status).to.equal(400);
      expect(((await bad.json()) as { error: string }).error).to.contain(
        'has channels enc1, enc2, not "enc3"',
      );
      expect(sim.command('name Council Chamber')).to.deep.include({
        getStatus: 'ENC1:RECORD,READY, ENC2:RTSP,READY, NAME:Council Chamber',
      });
    } finally {
      await sim.close();
    }
  });
});

describe('matrox-monarch-simulator CLI', () => {
  it('parses flags, and names the flag of a bad value', () => {
    const plan = parseCliArgs([
      '--variant',
      'hdx',
      '--mode',
      'enc1=NONE',
      '--command-ms',
      '500',
      '--fault',
      'busy',
    ]);
    expect(plan.options).to.deep.include({ variant: 'hdx', modes: { enc1: 'NONE' }, commandMs: 500 });
    expect(plan.faults).to.deep.equal(['busy']);
    expect(() => parseCliArgs(['--mode', 'enc3=RTMP'])).to.throw('--mode takes channel=MODE');
    expect(() => parseCliArgs(['--variant', 'edge'])).to.throw(
      '--variant must be one of hd, hdx, lcs, nvs30',
    );
  });

  it('starts from bin/, prints where it listens, and takes commands on stdin', async function () {
    this.timeout(15_000);
    const bin = new URL('../bin/matrox-monarch-simulator.js', import.meta.url);
    const cli = spawnSimulator(bin, ['--port', '0', '--variant', 'nvs30', '--name', 'NVS-30']);
    try {
      const ready = JSON.parse(await cli.nextLine()) as { url: string };
      const reply = await fetch(`${ready.url}/NVS/syncconnect/sdk.aspx?command=GetStatus`, { headers: AUTH });
      expect(await reply.text()).to.equal('RECORD:READY,STREAM:RTMP,READY,NAME:NVS-30\r\n');
      cli.send('output stream active');
      const result = JSON.parse(await cli.nextLine()) as { result: { getStatus: string } };
      expect(result.result.getStatus).to.equal('RECORD:READY,STREAM:RTMP,ON,NAME:NVS-30');
    } finally {
      await cli.stop();
    }
  });
});
