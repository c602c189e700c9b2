import type { PluginStoreTx } from '@encoder-manager/sdk';
import { num } from './rows.js';

/** What the outbox learned about one recipient on one channel. */
export interface EndpointState {
  readonly addressOverride: string | null;
  readonly disabledReason: string | null;
  readonly disabledAt: number | null;
}

/** Map key for a recipient/channel pair. */
export function endpointKey(recipientId: string, channel: string): string {
  return `${recipientId}\u0000${channel}`;
}

/** Endpoint states of some recipients, keyed by {@link endpointKey}. */
export async function loadEndpoints(
  tx: PluginStoreTx,
  recipientIds: readonly string[],
): Promise<Map<string, EndpointState>> {
  const result = new Map<string, EndpointState>();
  if (recipientIds.length === 0) return result;
  const rows = (await tx.table('endpoints').whereIn('recipient_id', [...new Set(recipientIds)])) as Record<
    string,
    unknown
  >[];
  for (const row of rows) {
    result.set(endpointKey(String(row.recipient_id), String(row.channel)), {
      addressOverride: row.address_override === null ? null : String(row.address_override),
      disabledReason: row.disabled_reason === null ? null : String(row.disabled_reason),
      disabledAt: row.disabled_at === null ? null : num(row.disabled_at),
    });
  }
  return result;
}

/** Stops using an endpoint after a permanent error. */
export async function flagEndpoint(
  tx: PluginStoreTx,
  recipientId: string,
  channel: string,
  reason: string,
  at: number,
): Promise<void> {
  await tx
    .table('endpoints')
    .insert({ recipient_id: recipientId, channel, disabled_reason: reason, disabled_at: at })
    .onConflict(['recipient_id', 'channel'])
    .merge(['disabled_reason', 'disabled_at']);
}

/** Remembers a new address the provider reported (e.g. a Telegram group migrated to a supergroup). */
export async function overrideAddress(
  tx: PluginStoreTx,
  recipientId: string,
  channel: string,
  address: string,
): Promise<void> {
  await tx
    .table('endpoints')
    .insert({ recipient_id: recipientId, channel, address_override: address })
    .onConflict(['recipient_id', 'channel'])
    .merge(['address_override']);
}

/** Uses an endpoint again; true when it was flagged. */
export async function clearFlag(tx: PluginStoreTx, recipientId: string, channel: string): Promise<boolean> {
  const changed = await tx
    .table('endpoints')
    .where({ recipient_id: recipientId, channel })
    .whereNotNull('disabled_reason')
    .update({ disabled_reason: null, disabled_at: null });
  return changed > 0;
}
