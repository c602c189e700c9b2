import { randomUUID } from 'node:crypto';
import { errorMessageOf } from '@encoder-manager/sdk';
import { runDueTimers } from '../alerts/due-timers.js';
import { publishQueued, type Runtime } from '../runtime.js';
import type { TemplateEngine } from '../templates/engine.js';
import { claimBatches, type Batch } from './claim.js';
import { endpointKey, loadEndpoints } from './endpoints.js';
import { composeMessage, sendWithDeadline } from './message.js';
import { recordOutcome, type RecordedOutcome } from './outcome.js';

/** One batch's delivery, as reported to callers such as `sendTest`. */
export interface BatchReport {
  readonly batch: Batch;
  readonly outcome: RecordedOutcome;
}

/**
 * Delivers the outbox: fires due escalation/repeat timers, claims due batches under a lease and sends
 * each through the notifier for its channel. Many workers (agents) may share one database; each has
 * its own id, and a worker that dies mid-send leaves its claim to expire for another to take over.
 */
export class OutboxWorker {
  readonly #kicked = { running: false, again: false };

  constructor(
    private readonly rt: Runtime,
    private readonly engine: TemplateEngine,
    readonly workerId: string = randomUUID(),
  ) {}

  /** One pass: timers, then up to `batchSize` batches in parallel. */
  async tick(signal: AbortSignal): Promise<BatchReport[]> {
    publishQueued(this.rt, await runDueTimers(this.rt, this.rt.delivery.batchSize));
    return this.deliver(undefined, signal);
  }

  /**
   * Delivers due rows now rather than at the next poll; called when rows are queued, so a message
   * without a grouping window goes out right after its commit. Kicks that come while a pass runs are
   * folded into one more pass. A failing pass is logged; the poll picks the rows up anyway.
   */
  kick(signal: AbortSignal): void {
    if (this.#kicked.running) {
      this.#kicked.again = true;
      return;
    }
    this.#kicked.running = true;
    void this.#kickPasses(signal);
  }

  async #kickPasses(signal: AbortSignal): Promise<void> {
    try {
      do {
        this.#kicked.again = false;
        if (!signal.aborted) await this.deliver(undefined, signal);
      } while (this.#kicked.again && !signal.aborted);
    } catch (error) {
      this.rt.log.warn(
        { err: errorMessageOf(error) },
        'delivery after queueing failed; the next poll retries',
      );
    } finally {
      this.#kicked.running = false;
    }
  }

  /** Claims and sends the given rows now (or every due row); used by `sendTest` and replay. */
  async deliver(ids: readonly string[] | undefined, signal: AbortSignal): Promise<BatchReport[]> {
    const batches = await claimBatches(this.rt.store, {
      now: this.rt.clock.now(),
      workerId: this.workerId,
      leaseMs: this.rt.delivery.leaseMs,
      limit: ids ? Math.max(ids.length, 1) : this.rt.delivery.batchSize,
      ...(ids ? { ids } : {}),
    });
    return Promise.all(
      batches.map(async (batch) => ({ batch, outcome: await this.#deliverBatch(batch, signal) })),
    );
  }

  async #deliverBatch(batch: Batch, signal: AbortSignal): Promise<RecordedOutcome> {
    const leader = batch.rows[0];
    if (!leader) return { kind: 'suppressed' };
    const flag = await this.#flagOf(leader.recipientId, leader.channel);
    if (flag) {
      return recordOutcome(
        this.rt,
        batch,
        this.workerId,
        { dead: `recipient channel disabled: ${flag}`, alert: false },
        leader.eventType,
      );
    }
    const message = composeMessage(this.rt, this.engine, batch);
    if (!message) return recordOutcome(this.rt, batch, this.workerId, 'suppressed', leader.eventType);
    const notifier = this.rt.notifiers().find((n) => n.channel === leader.channel);
    const result = notifier
      ? await sendWithDeadline(
          this.rt,
          notifier,
          message,
          { recipientId: leader.recipientId, address: leader.address },
          signal,
        )
      : ({
          status: 'retry',
          reason: `no enabled notifier plugin provides channel "${leader.channel}"`,
        } as const);
    const outcome = await recordOutcome(this.rt, batch, this.workerId, result, message.subject);
    this.#log(batch, outcome);
    return outcome;
  }

  async #flagOf(recipientId: string, channel: string): Promise<string | null> {
    const endpoints = await this.rt.store.transaction((tx) => loadEndpoints(tx, [recipientId]));
    return endpoints.get(endpointKey(recipientId, channel))?.disabledReason ?? null;
  }

  #log(batch: Batch, outcome: RecordedOutcome): void {
    const leader = batch.rows[0];
    const fields = {
      notification: batch.id,
      rows: batch.rows.length,
      channel: leader?.channel,
      recipient: leader?.recipientId,
    };
    if (outcome.kind === 'sent') this.rt.log.debug(fields, 'notification sent');
    else if (outcome.kind === 'retry')
      this.rt.log.info(
        { ...fields, reason: outcome.reason, nextAttemptAt: outcome.nextAttemptAt },
        'notification will be retried',
      );
    else if (outcome.kind === 'dead')
      this.rt.log.warn({ ...fields, reason: outcome.reason }, 'notification dead-lettered');
    else if (outcome.kind === 'lost')
      this.rt.log.warn(fields, 'lease expired during send; another sender owns this notification now');
  }
}
