import { execFile } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { loadConfig, startAgent } from '@encoder-manager/core';
import type { Notifier } from '@encoder-manager/sdk';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SECRET = 'station-webhook-secret-0123';

/** `npm pack` of a workspace folder into `dest`; returns the tarball path. */
async function pack(folder: string, dest: string): Promise<string> {
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', dest], {
    cwd: path.join(ROOT, folder),
  });
  const [info] = JSON.parse(stdout) as { filename: string }[];
  return path.join(dest, info?.filename ?? '');
}

/** A real HTTP endpoint that records what it receives. */
async function startReceiver() {
  const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  const server = http.createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += String(chunk);
    received.push({ headers: req.headers, body });
    res.writeHead(200).end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/em`;
  return { url, received, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe('third-party notifier package (npm pack → npm install → loaded by name)', function () {
  this.timeout(120_000);
  let dir: string;
  let station: string;
  before(async () => {
    dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'em-third-party-')));
    station = path.join(dir, 'station');
    mkdirSync(station);
    const webhook = await pack('examples/notifier-webhook', dir);
    writeFileSync(path.join(station, 'package.json'), JSON.stringify({ name: 'station', private: true }));
    // The SDK is installed from its workspace folder: npm links a folder outside the project, so nothing is
    // fetched. (Packing the SDK too also installs offline, from the npm cache, but takes 5–10 s longer.)
    await run('npm', ['install', webhook, path.join(ROOT, 'sdk'), '--offline', '--no-audit', '--no-fund'], {
      cwd: station,
    });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('the agent loads notifier-webhook by name from the station folder and its notifier delivers', async () => {
    const receiver = await startReceiver();
    const probeDir = path.join(station, 'notifier-probe');
    mkdirSync(probeDir);
    copyFileSync(path.join(ROOT, 'test/fixtures/notifier-probe.js'), path.join(probeDir, 'index.js'));
    writeFileSync(
      path.join(probeDir, 'package.json'),
      JSON.stringify({ name: 'notifier-probe', type: 'module', main: 'index.js' }),
    );
    writeFileSync(
      path.join(station, 'encoder-manager.yaml'),
      [
        'log:\n  level: warn\nplugins:',
        `  notifier-webhook:\n    config:\n      url: ${receiver.url}\n      secret: \${WEBHOOK_SECRET}`,
        '  notifier-probe:\n    package: ./notifier-probe',
      ].join('\n'),
    );
    const config = await loadConfig({
      location: path.join(station, 'encoder-manager.yaml'),
      env: { WEBHOOK_SECRET: SECRET },
    });
    expect(config.problems).to.deep.equal([]);
    const loaded = config.plugins.find((plugin) => plugin.name === 'notifier-webhook');
    expect(loaded?.packageName).to.equal('encoder-manager-plugin-notifier-webhook');
    expect(loaded?.packageDir).to.equal(
      path.join(station, 'node_modules', 'encoder-manager-plugin-notifier-webhook'),
    );

    const agent = await startAgent(config, { env: { DATABASE_URL: '' } });
    try {
      const probe = (await import(pathToFileURL(path.join(probeDir, 'index.js')).href)) as {
        captured: { notifiers: readonly Notifier[] };
      };
      const webhook = probe.captured.notifiers.find((notifier) => notifier.channel === 'webhook');
      const message = {
        id: 'n-1',
        subject: 'Encoder down',
        text: 'enc-1 stopped',
        eventType: 'alert.firing',
        createdAt: 0,
      };
      const result = await webhook?.send(
        message,
        { recipientId: 'ops', address: 'ops' },
        AbortSignal.timeout(10_000),
      );
      expect(result).to.deep.equal({ status: 'delivered' });
    } finally {
      await agent.stop();
      await receiver.close();
    }
    const [request] = receiver.received;
    expect(JSON.parse(request?.body ?? '{}')).to.include({ id: 'n-1', subject: 'Encoder down' });
    const signed = `n-1.${request?.headers['webhook-timestamp']}.${request?.body}`;
    expect(request?.headers['webhook-signature']).to.equal(
      `v1,${createHmac('sha256', SECRET).update(signed).digest('base64')}`,
    );
  });
});
