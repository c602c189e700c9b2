import { EmError, type ServiceMultiplicity, type ServiceRef } from '@encoder-manager/sdk';

interface Provision {
  readonly owner: string;
  readonly implementation: unknown;
}

type Watcher = {
  onAdd(implementation: unknown, owner: string): void;
  onRemove(implementation: unknown): void;
};

/** Who provides which service. Provisions are removed when their plugin stops or fails. */
export class ServiceRegistry {
  readonly #provisions = new Map<string, Provision[]>();
  readonly #watchers = new Map<string, Set<Watcher>>();

  provide<T>(owner: string, ref: ServiceRef<T, ServiceMultiplicity>, implementation: T): void {
    const list = this.#provisions.get(ref.id) ?? [];
    const existing = list[0];
    if (ref.multiplicity === 'single' && existing) {
      throw new EmError(
        'EM_SERVICE_DUPLICATE',
        `service ${ref.id} is provided by both "${existing.owner}" and "${owner}"`,
        {
          hint: 'Enable only one of these plugins.',
        },
      );
    }
    list.push({ owner, implementation });
    this.#provisions.set(ref.id, list);
    for (const watcher of this.#watchers.get(ref.id) ?? []) watcher.onAdd(implementation, owner);
  }

  use<T>(ref: ServiceRef<T, 'single'>, user: string): T {
    const found = this.tryUse(ref);
    if (found === undefined) {
      throw new EmError(
        'EM_SERVICE_MISSING',
        `plugin "${user}" needs service ${ref.id}, but no enabled plugin provides it`,
        {
          hint: `Enable the plugin that provides ${ref.id} and list it in "${user}"'s depends.`,
        },
      );
    }
    return found;
  }

  tryUse<T>(ref: ServiceRef<T, 'single'>): T | undefined {
    return this.#provisions.get(ref.id)?.[0]?.implementation as T | undefined;
  }

  useAll<T>(ref: ServiceRef<T, 'multiple'>): readonly T[] {
    return (this.#provisions.get(ref.id) ?? []).map((provision) => provision.implementation as T);
  }

  /** Providers with the plugin that provided each (for per-plugin scoping, e.g. store transactions). */
  useAllWithOwners<T>(ref: ServiceRef<T, 'multiple'>): readonly { owner: string; implementation: T }[] {
    return (this.#provisions.get(ref.id) ?? []).map(({ owner, implementation }) => ({
      owner,
      implementation: implementation as T,
    }));
  }

  /** Calls back for every current and future provider of `ref`, and when one is withdrawn. */
  watch<T>(
    ref: ServiceRef<T, ServiceMultiplicity>,
    onAdd: (implementation: T, owner: string) => void,
    onRemove: (implementation: T) => void,
  ): () => void {
    const watcher: Watcher = {
      onAdd: (impl, owner) => onAdd(impl as T, owner),
      onRemove: (impl) => onRemove(impl as T),
    };
    const set = this.#watchers.get(ref.id) ?? new Set<Watcher>();
    set.add(watcher);
    this.#watchers.set(ref.id, set);
    for (const provision of this.#provisions.get(ref.id) ?? [])
      watcher.onAdd(provision.implementation, provision.owner);
    return () => set.delete(watcher);
  }

  /** Withdraws everything `owner` provided. */
  withdraw(owner: string): void {
    for (const [id, list] of this.#provisions) {
      const kept = list.filter((provision) => provision.owner !== owner);
      for (const gone of list.filter((provision) => provision.owner === owner)) {
        for (const watcher of this.#watchers.get(id) ?? []) watcher.onRemove(gone.implementation);
      }
      this.#provisions.set(id, kept);
    }
  }
}
