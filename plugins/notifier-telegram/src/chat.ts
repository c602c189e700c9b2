/** A Telegram chat as the notifier addresses it. */
export interface ChatTarget {
  /** Numeric id as text (private > 0, groups < 0, supergroups/channels -100…) or `@channelname`. */
  readonly id: string;
  /** Groups, supergroups and channels have the stricter per-minute limit. */
  readonly isGroup: boolean;
}

const NUMERIC = /^-?[0-9]{1,20}$/;
const USERNAME = /^@[A-Za-z][A-Za-z0-9_]{3,31}$/;

/** Parses a recipient address; undefined when it is neither a chat id nor an `@channel` name. */
export function parseChat(address: string): ChatTarget | undefined {
  const id = address.trim();
  if (NUMERIC.test(id)) return { id, isGroup: id.startsWith('-') };
  if (USERNAME.test(id)) return { id, isGroup: true };
  return undefined;
}
