// WebSocket side of `npm run bench -- api`: N verifying clients in a child process (api-ws-clients.ts),
// events published on the agent's bus at a steady rate with their publish time in the payload, and the
// publish→receive latency of every frame the clients got.
import type { Agent } from '@encoder-manager/core';
import type { FanOutReport } from './api-ws-clients.js';
import { startJsonChild } from './json-child.js';

/** How the fan-out is driven. */
export interface FanOutPlan {
  readonly clients: number;
  readonly eventsPerSec: number;
  readonly seconds: number;
  /** How long to wait for the last frames after the last publish. */
  readonly deliveryDeadlineMs: number;
}

/** What the run measured. */
export interface FanOutResult extends FanOutReport {
  readonly ready: number;
  readonly refused: number;
  readonly published: number;
  /** Agent CPU time per published event (one frame to each client), and both processes' CPU share. */
  readonly agentCpuMsPerEvent: number;
  readonly agentCpuShare: number;
  readonly clientsCpuShare: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function collect(child: ReturnType<typeof startJsonChild>, expected: number, deadline: number) {
  for (;;) {
    child.send('report');
    const report = await child.next<FanOutReport>();
    if (report.events >= expected || Date.now() > deadline) return report;
    await sleep(100);
  }
}

/** Opens the clients, publishes, waits for delivery (bounded) and reads the latencies. */
export async function fanOut(
  agent: Agent,
  port: number,
  key: string,
  plan: FanOutPlan,
): Promise<FanOutResult> {
  const url = `ws://127.0.0.1:${port}/api/v1/events?events=plugin.state`;
  const child = startJsonChild('api-ws-clients.ts', [url, key, String(plan.clients)]);
  try {
    const { ready, refused } = await child.next<{ ready: number; refused: number }>();
    const published = plan.eventsPerSec * plan.seconds;
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    for (let i = 0; i < published; i += 1) {
      const at = performance.timeOrigin + performance.now();
      agent.bus.publish('bench', 'plugin.state', { plugin: 'bench', state: 'loaded', at });
      await sleep(1000 / plan.eventsPerSec);
    }
    const report = await collect(child, published * ready, Date.now() + plan.deliveryDeadlineMs);
    const wallMs = performance.now() - started;
    const { user, system } = process.cpuUsage(cpuBefore);
    const agentCpuMs = (user + system) / 1000;
    return {
      ...report,
      ready,
      refused,
      published,
      agentCpuMsPerEvent: agentCpuMs / published,
      agentCpuShare: agentCpuMs / wallMs,
      clientsCpuShare: report.cpuMs / wallMs,
    };
  } finally {
    await child.stop();
  }
}
