import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { runCli } from '../helpers/cli.js';

const CONFIG = 'plugins:\n  driver-simulated:\n    config:\n      encoders: 1\n';

describe('CONFIG_URL', function () {
  this.timeout(30_000);
  let server: http.Server;
  let base: string;

  before(async () => {
    server = http.createServer((request, response) => {
      if (request.url === '/station.yaml')
        response.writeHead(200, { 'content-type': 'application/yaml' }).end(CONFIG);
      else response.writeHead(404).end('not found');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise((resolve) => server.close(resolve)));

  it('reads the config from an http URL', async () => {
    const result = await runCli(['check-config'], { env: { CONFIG_URL: `${base}/station.yaml` } });
    expect(result.code).to.equal(0);
    expect(result.stdout).to.contain(`${base}/station.yaml: valid (1 plugin(s): driver-simulated@`);
  });

  it('names the URL and the HTTP status when it cannot be fetched', async () => {
    const result = await runCli(['check-config'], { env: { CONFIG_URL: `${base}/missing.yaml` } });
    expect(result.code).to.equal(1);
    expect(result.stderr).to.contain(
      `EM_CONFIG_NOT_FOUND: cannot fetch config from ${base}/missing.yaml: HTTP 404`,
    );
  });

  it('lists configured plugins with version, kind and package', async () => {
    const result = await runCli(['plugins'], { env: { CONFIG_URL: `${base}/station.yaml` } });
    expect(result.code).to.equal(0);
    expect(result.stdout).to.match(
      /driver-simulated\s+0\.1\.0\s+driver\s+@encoder-manager\/plugin-driver-simulated\s+enabled/,
    );
  });
});
