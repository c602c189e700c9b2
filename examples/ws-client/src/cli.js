#!/usr/bin/env node
// Prints the agent's live events as JSON lines (stdout) and every stream problem (stderr):
//   EM_API_URL=http://127.0.0.1:8080 EM_API_KEY=em_api_… node src/cli.js 'alert.*' 'failover.*'
// The key comes from the environment, never the command line (where `ps` would show it).
import { EventStreamClient } from './client.js';

const url = process.env.EM_API_URL ?? 'http://127.0.0.1:8080';
const apiKey = process.env.EM_API_KEY;
if (!apiKey) {
  process.stderr.write('set EM_API_KEY to an API key with scope read (encoder-manager keys create …)\n');
  process.exit(2);
}
const client = new EventStreamClient({ url, apiKey, events: process.argv.slice(2) });
const print = (/** @type {unknown} */ value) => process.stdout.write(`${JSON.stringify(value)}\n`);
client.on('event', (frame) => print({ seq: frame.seq, ts: frame.ts, type: frame.type, data: frame.data }));
client.on('problem', (problem) => process.stderr.write(`stream ${problem.kind}: ${problem.detail}\n`));
client.on('disconnected', ({ code, reason }) => process.stderr.write(`disconnected ${code} ${reason}\n`));
client.on('error', (error) => {
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 1;
});
process.once('SIGINT', () => client.stop());
process.once('SIGTERM', () => client.stop());
client.start();
