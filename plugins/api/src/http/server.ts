import { createServer, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { EmError } from '@encoder-manager/sdk';
import type Koa from 'koa';

/** Where and how the HTTP server listens. */
export interface ServerOptions {
  readonly host: string;
  readonly port: number;
  readonly requestTimeoutMs: number;
}

/**
 * The HTTP server: Koa for requests, an explicit `upgrade` listener for WebSockets (every other upgrade
 * path is refused by that listener, never left hanging), and bounded header/request times.
 */
export class ApiServer {
  readonly #server: Server;

  constructor(
    app: Koa<never>,
    onUpgrade: (request: IncomingMessage, socket: Duplex, head: Buffer) => void,
    options: ServerOptions,
  ) {
    this.#server = createServer(
      {
        requestTimeout: options.requestTimeoutMs,
        headersTimeout: Math.min(options.requestTimeoutMs, 10_000),
        maxHeaderSize: 16_384,
      },
      app.callback(),
    );
    this.#server.keepAliveTimeout = 5000;
    this.#server.on('upgrade', onUpgrade);
    this.options = options;
  }

  readonly options: ServerOptions;

  listen(): Promise<{ host: string; port: number }> {
    return new Promise((resolve, reject) => {
      const fail = (error: Error) =>
        reject(
          new EmError(
            'EM_API_LISTEN_FAILED',
            `cannot listen on ${this.options.host}:${this.options.port}: ${error.message}`,
            {
              cause: error,
              hint: 'Change plugins.api.config.listen.port/host or stop the process that holds the port.',
            },
          ),
        );
      this.#server.once('error', fail);
      this.#server.listen(this.options.port, this.options.host, () => {
        this.#server.off('error', fail);
        const address = this.#server.address();
        resolve({
          host: this.options.host,
          port: typeof address === 'object' && address ? address.port : this.options.port,
        });
      });
    });
  }

  /** Stops accepting, then closes idle and remaining connections. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.#server.listening) return resolve();
      this.#server.close(() => resolve());
      this.#server.closeIdleConnections();
      this.#server.closeAllConnections();
    });
  }
}
