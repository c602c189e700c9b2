import net from 'node:net';

/** What nodemailer's `getSocket` hands back: an open connection it then speaks SMTP (and TLS) over. */
export interface OpenedSocket {
  readonly connection: net.Socket;
}

type Done = (error: Error | null, opened?: OpenedSocket) => void;

/**
 * Opens the TCP connection to the relay with Nagle's algorithm off. nodemailer writes the end of DATA
 * (`\r\n.\r\n`) as a small packet of its own; with Nagle on it waits for the relay to acknowledge the
 * body, and relays delay that ACK (40 ms on Linux), so every message took 40 ms longer. nodemailer
 * upgrades the socket to TLS itself (implicit TLS and STARTTLS), so every security mode works.
 */
export function connectWithoutDelay(host: string, port: number, timeoutMs: number, done: Done): void {
  const socket = net.connect({ host, port });
  socket.setNoDelay(true);
  let settled = false;
  const finish = (error: Error | null) => {
    if (settled) return;
    settled = true;
    socket.setTimeout(0);
    socket.removeListener('error', finish);
    if (error) {
      socket.destroy();
      done(error);
    } else done(null, { connection: socket });
  };
  socket.once('error', finish);
  socket.once('connect', () => finish(null));
  // The socket's own idle timer (no data yet) doubles as the connection timeout.
  socket.setTimeout(timeoutMs, () =>
    finish(Object.assign(new Error(`Connection timeout after ${timeoutMs} ms`), { code: 'ETIMEDOUT' })),
  );
}
