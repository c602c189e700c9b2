import type { InlineKeyboardMarkup } from 'node-telegram-bot-api';

/** What a button press asks for. */
export type ButtonAction = 'acknowledge' | 'silence';

/** A decoded button press. */
export interface ButtonPress {
  readonly action: ButtonAction;
  readonly fingerprint: string;
}

/** Telegram refuses `callback_data` longer than 64 bytes. */
const MAX_CALLBACK_BYTES = 64;
const PREFIX: Record<ButtonAction, string> = { acknowledge: 'ack:', silence: 'sil:' };
/** Long fingerprints get a short token; this many are remembered (the newest win). */
const MAX_TOKENS = 5000;

/**
 * Encodes an action and an alert fingerprint into `callback_data`. Fingerprints that fit travel
 * verbatim, so buttons keep working after a restart; longer ones are replaced by a token that this
 * process remembers.
 */
export class CallbackCodec {
  readonly #byToken = new Map<string, string>();
  #next = 0;

  encode(action: ButtonAction, fingerprint: string): string {
    const direct = `${PREFIX[action]}${fingerprint}`;
    if (Buffer.byteLength(direct) <= MAX_CALLBACK_BYTES && !fingerprint.startsWith('~')) return direct;
    return `${PREFIX[action]}~${this.#tokenFor(fingerprint)}`;
  }

  /** The press behind `data`, or undefined for data this plugin did not make (or a forgotten token). */
  decode(data: string | undefined): ButtonPress | undefined {
    const action = (Object.keys(PREFIX) as ButtonAction[]).find((key) => data?.startsWith(PREFIX[key]));
    if (!action || data === undefined) return undefined;
    const payload = data.slice(PREFIX[action].length);
    const fingerprint = payload.startsWith('~') ? this.#byToken.get(payload.slice(1)) : payload;
    return fingerprint ? { action, fingerprint } : undefined;
  }

  #tokenFor(fingerprint: string): string {
    for (const [token, known] of this.#byToken) if (known === fingerprint) return token;
    const token = (this.#next++).toString(36);
    this.#byToken.set(token, fingerprint);
    if (this.#byToken.size > MAX_TOKENS) this.#byToken.delete(this.#byToken.keys().next().value ?? '');
    return token;
  }
}

/** "Silence 1h", "Silence 30m", "Silence 1h30m". */
export function silenceLabel(durationSec: number): string {
  const hours = Math.floor(durationSec / 3600);
  const minutes = Math.round((durationSec % 3600) / 60);
  return `Silence ${hours > 0 ? `${hours}h` : ''}${minutes > 0 || hours === 0 ? `${minutes}m` : ''}`;
}

/** The Acknowledge / Silence row for an alert message. */
export function alertKeyboard(
  codec: CallbackCodec,
  fingerprint: string,
  silenceSec: number,
): InlineKeyboardMarkup {
  return {
    inline_keyboard: [
      [
        { text: 'Acknowledge', callback_data: codec.encode('acknowledge', fingerprint) },
        { text: silenceLabel(silenceSec), callback_data: codec.encode('silence', fingerprint) },
      ],
    ],
  };
}
