import { randomBytes } from 'node:crypto';
import { EmError, type Clock, type Logger, type PluginStore } from '@encoder-manager/sdk';
import type { KeySettings } from '../config.js';
import { KeyCache } from './cache.js';
import { checkToken, digestOf, generateToken } from './format.js';
import { LastUsedBuffer } from './last-used.js';
import { inactiveReason, type KeyRecord } from './record.js';
import { KeyRepository } from './repository.js';
import { isScope, type Scope } from './scopes.js';

const DAY_MS = 86_400_000;
/** Longest overlap a rotated key keeps working (the longest vendor grace window in the docs). */
export const MAX_GRACE_SEC = 7 * 86_400;

/** What a new key is for. */
export interface CreateKeyInput {
  readonly name: string;
  readonly scope: string;
  readonly sites?: readonly string[];
  readonly ttlDays?: number;
  readonly createdBy: string;
}

/** A key as created: the secret is in `token` and is shown once, never stored. */
export interface IssuedKey {
  readonly token: string;
  readonly record: KeyRecord;
}

/** Called when a key stops working here (revoked, or rotated with no grace). */
export type InactiveListener = (id: string, reason: 'revoked' | 'rotated') => void;

/** Creates, lists, rotates, revokes and authenticates API keys. */
export class KeyService {
  readonly #repository: KeyRepository;
  readonly #cache: KeyCache;
  readonly #listeners = new Set<InactiveListener>();
  readonly lastUsed: LastUsedBuffer;

  constructor(
    private readonly store: PluginStore,
    private readonly clock: Clock,
    log: Logger,
    private readonly settings: KeySettings,
  ) {
    this.#repository = new KeyRepository(store);
    this.#cache = new KeyCache(clock, settings.cacheTtlMs);
    this.lastUsed = new LastUsedBuffer(this.#repository, log);
  }

  async create(input: CreateKeyInput): Promise<IssuedKey> {
    const issued = this.#issue(input, undefined);
    await this.#repository.insert(issued.record, digestOf(issued.token));
    return issued;
  }

  list(): Promise<KeyRecord[]> {
    return this.#repository.list();
  }

  /** The stored record, bypassing the cache (revalidation of open WebSockets). */
  get(id: string): Promise<KeyRecord | undefined> {
    return this.#repository.byId(id);
  }

  async revoke(id: string, by: string): Promise<KeyRecord> {
    if (!(await this.#repository.revoke(id, this.clock.now(), by)))
      throw new EmError('EM_API_KEY_NOT_FOUND', `no active API key with id "${id}"`, {
        hint: 'List keys with `encoder-manager keys list` and use the id column.',
      });
    this.#cache.forget(id);
    this.#notify(id, 'revoked');
    return (await this.#repository.byId(id))!;
  }

  /** Issues a successor with the same name, scope and sites; the old key works `graceSec` longer. */
  async rotate(id: string, graceSec: number, by: string): Promise<{ issued: IssuedKey; old: KeyRecord }> {
    if (!Number.isInteger(graceSec) || graceSec < 0 || graceSec > MAX_GRACE_SEC)
      throw new EmError('EM_API_KEY_INVALID', `grace must be 0…${MAX_GRACE_SEC} seconds, got ${graceSec}`, {
        hint: 'Common choices: 0 (now), 3600 (1 h), 86400 (24 h), 604800 (7 d).',
      });
    const old = await this.#repository.byId(id);
    if (!old || inactiveReason(old, this.clock.now()))
      throw new EmError('EM_API_KEY_NOT_FOUND', `no active API key with id "${id}"`);
    if (old.replacedBy)
      throw new EmError('EM_API_KEY_INVALID', `key "${id}" was already rotated to "${old.replacedBy}"`, {
        hint: 'Rotate the newer key instead.',
      });
    const input = { name: old.name, scope: old.scope, sites: old.sites, createdBy: by };
    const issued = this.#issue(input, id);
    const graceEnd = Math.min(old.expiresAt, this.clock.now() + graceSec * 1000);
    // Both rows change together: never a successor without the old key's shortened life, or the reverse.
    await this.store.transaction(async (tx) => {
      const repository = new KeyRepository(tx);
      await repository.insert(issued.record, digestOf(issued.token));
      await repository.markRotated(id, issued.record.id, graceEnd);
    });
    this.#cache.forget(id);
    if (graceSec === 0) this.#notify(id, 'rotated');
    return { issued, old: (await this.#repository.byId(id))! };
  }

  /**
   * The key's record if `token` is a well-formed, known, unexpired and unrevoked API key. The format and
   * checksum are checked first, so malformed tokens never reach the database.
   */
  async authenticate(token: string): Promise<KeyRecord | undefined> {
    if (checkToken(token) !== 'api') return undefined;
    const digest = digestOf(token);
    let record = this.#cache.get(digest);
    if (!record) {
      record = await this.#repository.byDigest(digest);
      if (record) this.#cache.set(digest, record);
    }
    if (!record || inactiveReason(record, this.clock.now())) return undefined;
    return record;
  }

  onInactive(listener: InactiveListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  setExpiryNotice(id: string, days: number): Promise<void> {
    return this.#repository.setExpiryNotice(id, days);
  }

  #notify(id: string, reason: 'revoked' | 'rotated'): void {
    for (const listener of this.#listeners) listener(id, reason);
  }

  #issue(input: CreateKeyInput, rotatedFrom: string | undefined): IssuedKey {
    const token = generateToken('api');
    return { token, record: { ...this.#newRecord(input, rotatedFrom), last4: token.slice(-4) } };
  }

  #newRecord(input: CreateKeyInput, rotatedFrom: string | undefined): KeyRecord {
    const scope = validScope(input.scope);
    const ttlDays = input.ttlDays ?? this.settings.defaultTtlDays;
    if (!Number.isInteger(ttlDays) || ttlDays < 1 || ttlDays > this.settings.maxTtlDays)
      throw new EmError(
        'EM_API_KEY_INVALID',
        `expiry must be 1…${this.settings.maxTtlDays} days, got ${ttlDays}`,
        {
          hint: 'Every key expires; rotate it before then (`encoder-manager keys rotate <id>`).',
        },
      );
    const name = input.name.trim();
    if (name.length === 0 || name.length > 100)
      throw new EmError('EM_API_KEY_INVALID', 'name must be 1…100 characters', {
        hint: 'e.g. "mcr-dashboard"',
      });
    const now = this.clock.now();
    return {
      id: `key_${randomBytes(8).toString('hex')}`,
      name,
      scope,
      sites: validSites(input.sites),
      last4: '',
      createdAt: now,
      createdBy: input.createdBy.slice(0, 100),
      expiresAt: now + ttlDays * DAY_MS,
      rotatedFrom,
    };
  }
}

function validScope(scope: string): Scope {
  if (isScope(scope)) return scope;
  throw new EmError('EM_API_KEY_INVALID', `unknown scope "${scope}"`, {
    hint: 'Use read, operate or admin (each includes the ones before it).',
  });
}

function validSites(sites: readonly string[] | undefined): readonly string[] | undefined {
  if (sites === undefined || sites.length === 0) return undefined;
  const bad = sites.find((site) => !/^[\w.-]{1,64}$/.test(site));
  if (bad !== undefined || sites.length > 50)
    throw new EmError('EM_API_KEY_INVALID', `bad site "${bad ?? sites.length}"`, {
      hint: 'Sites are values of the encoders\' `site` label: letters, digits, ".", "_", "-"; at most 50.',
    });
  return [...new Set(sites)];
}
