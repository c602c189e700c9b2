import type { StreamStateEvent } from './events.js';
import { createServiceRef } from './services.js';

/** What an ingest plugin knows about the streams its server receives. */
export interface IngestService {
  /** The latest state of every stream seen (publishing or recently gone). */
  streams(): readonly StreamStateEvent[];
  stream(name: string): StreamStateEvent | undefined;
  /**
   * Resolves with the stream's state once it is publishing (and not stalled), or with undefined when
   * the timeout passes first. Used to confirm a failover at the receiving side.
   */
  waitForPublishing(
    name: string,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<StreamStateEvent | undefined>;
}

/** Every ingest the enabled plugins provide (one per RTMP/SRT server watched). */
export const ingestsRef = createServiceRef<IngestService>({ id: 'core.ingests', multiple: true });
