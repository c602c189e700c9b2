/**
 * A real nginx-rtmp ingest for tests: a private nginx (Debian `nginx` + `libnginx-mod-rtmp`) on free
 * 127.0.0.1 ports, with its config, logs, pid and temp files in a temp folder, so it runs as root or
 * not and leaves nothing behind. Facts: shared/docs/streams-and-failover.md §3.1.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export { readRtmpStat, waitForStream, type RtmpStat, type RtmpStreamStat } from './nginx-rtmp-stat.js';

/** Where Debian's libnginx-mod-rtmp installs the module. */
export const RTMP_MODULE = '/usr/lib/nginx/modules/ngx_rtmp_module.so';
const READY_TIMEOUT_MS = 5000;
const STOP_TIMEOUT_MS = 3000;

/** Options for {@link startNginxRtmp}. */
export interface NginxRtmpOptions {
  /** RTMP applications (`live on; record off;`); default `['live']`. */
  readonly applications?: readonly string[];
  /** Where nginx sends `on_publish` / `on_publish_done` (GET, `notify_method get`). */
  readonly notifyUrl?: string;
}

/** A running nginx-rtmp. */
export interface NginxRtmp {
  /** `rtmp://127.0.0.1:<port>/<app>/<name>`. */
  rtmpUrl(app: string, name: string): string;
  /** `http://127.0.0.1:<httpPort>/stat` (rtmp_stat all). */
  readonly statUrl: string;
  readonly port: number;
  readonly httpPort: number;
  /** nginx's pid (single process: `master_process off`), e.g. to SIGSTOP it and freeze the ingest. */
  readonly pid: number;
  /** Stops nginx (SIGTERM, then SIGKILL), waits for it to exit and removes its folder. Safe to call twice. */
  stop(): Promise<void>;
}

/** Starts nginx-rtmp on two free loopback ports and resolves once both accept connections. */
export async function startNginxRtmp(options: NginxRtmpOptions = {}): Promise<NginxRtmp> {
  const dir = mkdtempSync(join(tmpdir(), 'em-nginx-rtmp-'));
  const [port, httpPort] = [await freePort(), await freePort()];
  writeFileSync(
    join(dir, 'nginx.conf'),
    nginxConf(dir, port, httpPort, options.applications ?? ['live'], options.notifyUrl),
  );
  const child = spawn('nginx', ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const stop = once(() => stopNginx(child, exited, dir));
  try {
    await waitUntilListening([port, httpPort], child, () => `${stderr}${readLog(dir)}`);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    rtmpUrl: (app, name) => `rtmp://127.0.0.1:${port}/${app}/${name}`,
    statUrl: `http://127.0.0.1:${httpPort}/stat`,
    port,
    httpPort,
    pid: child.pid!,
    stop,
  };
}

function nginxConf(
  dir: string,
  port: number,
  httpPort: number,
  applications: readonly string[],
  notifyUrl?: string,
): string {
  const notify = notifyUrl
    ? ` notify_method get; on_publish ${notifyUrl}; on_publish_done ${notifyUrl};`
    : '';
  const apps = applications
    .map((app) => `    application ${app} { live on; record off;${notify} }`)
    .join('\n');
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((name) => `  ${name}_temp_path ${join(dir, name)};`)
    .join('\n');
  return `load_module ${RTMP_MODULE};
daemon off;
master_process off;
worker_processes 1;
error_log ${join(dir, 'error.log')} info;
pid ${join(dir, 'nginx.pid')};
events { worker_connections 256; }
rtmp {
  server {
    listen 127.0.0.1:${port};
    chunk_size 4096;
${apps}
  }
}
http {
  access_log off;
${temp}
  server { listen 127.0.0.1:${httpPort}; location /stat { rtmp_stat all; } }
}
`;
}

async function waitUntilListening(ports: number[], child: ChildProcess, diagnostics: () => string) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (const port of ports) {
    while (!(await accepts(port))) {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(
          `nginx exited (${child.exitCode ?? child.signalCode}) before listening:\n${diagnostics()}`,
        );
      if (Date.now() > deadline)
        throw new Error(
          `nginx did not listen on 127.0.0.1:${port} within ${READY_TIMEOUT_MS} ms:\n${diagnostics()}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

async function stopNginx(child: ChildProcess, exited: Promise<void>, dir: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGCONT'); // a SIGSTOPped (frozen) nginx must run to act on SIGTERM
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }
  rmSync(dir, { recursive: true, force: true });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** A port the kernel just handed out; nginx binds it right after (a clash fails loudly, with its log). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function readLog(dir: string): string {
  try {
    return readFileSync(join(dir, 'error.log'), 'utf8').split('\n').slice(-20).join('\n');
  } catch {
    return '';
  }
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= fn());
}
