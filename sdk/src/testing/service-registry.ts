import { EmError, type ServiceMultiplicity, type ServiceRef } from '@encoder-manager/sdk';

/** A service implementation paired with its ref, for seeding a test context. Create one with {@link bindService}. */
export interface ServiceBinding {
  /** The ref the implementation is registered under. */
  readonly ref: ServiceRef<unknown, ServiceMultiplicity>;
  /** What `use`/`useAll` return for the ref; typed against the ref by `bindService`. */
  readonly implementation: unknown;
}

/**
 * Pairs a ref with an implementation of its type, standing in for another plugin that provides it.
 *
 * @example
 * ```ts
 * createTestContext({ services: [bindService(notifiersRef, fakeNotifier)] });
 * ```
 */
export function bindService<T>(
  ref: ServiceRef<T, ServiceMultiplicity>,
  implementation: NoInfer<T>,
): ServiceBinding {
  return { ref, implementation };
}

/** The service half of a plugin context, backed by a map from ref id to providers. */
export interface ServiceRegistry {
  /** Registers a provider; a second provider of a single ref throws `EM_SERVICE_DUPLICATE`. */
  provide<T>(ref: ServiceRef<T, ServiceMultiplicity>, implementation: T): void;
  /** The provider of a single ref; throws `EM_SERVICE_MISSING` naming the ref id when there is none. */
  use<T>(ref: ServiceRef<T, 'single'>): T;
  /** The provider of a single ref, or undefined. */
  tryUse<T>(ref: ServiceRef<T, 'single'>): T | undefined;
  /** Every provider of a multiple ref, seeded ones first; a copy the caller may keep. */
  useAll<T>(ref: ServiceRef<T, 'multiple'>): readonly T[];
}

/**
 * Creates a registry with the same rules as the host: a single-provider ref may be provided once, and
 * `use` of a ref nobody provides throws `EM_SERVICE_MISSING`.
 *
 * @param seed - Providers present before the plugin under test runs (other plugins, in effect).
 * @param provided - Receives, per ref id, what the plugin under test itself provided.
 */
export function createServiceRegistry(
  seed: readonly ServiceBinding[],
  provided: Map<string, unknown[]>,
): ServiceRegistry {
  const providers = new Map<string, unknown[]>();

  const add = (ref: ServiceRef<unknown, ServiceMultiplicity>, implementation: unknown): void => {
    const existing = providers.get(ref.id) ?? [];
    if (ref.multiplicity === 'single' && existing.length > 0) {
      throw new EmError('EM_SERVICE_DUPLICATE', `service "${ref.id}" is already provided`, {
        hint: 'A single-provider service can have one provider; disable the other provider or use a multiple ref.',
        details: { ref: ref.id },
      });
    }
    providers.set(ref.id, [...existing, implementation]);
  };

  for (const binding of seed) add(binding.ref, binding.implementation);

  // The map holds every service type at once, so reads assert the type the ref carries.
  const first = <T>(ref: ServiceRef<T, 'single'>): T | undefined =>
    providers.get(ref.id)?.[0] as T | undefined;
  const has = (id: string): boolean => (providers.get(id)?.length ?? 0) > 0;

  return {
    provide(ref, implementation) {
      add(ref, implementation);
      provided.set(ref.id, [...(provided.get(ref.id) ?? []), implementation]);
    },
    use<T>(ref: ServiceRef<T, 'single'>): T {
      if (!has(ref.id)) {
        throw new EmError('EM_SERVICE_MISSING', `no plugin provides service "${ref.id}"`, {
          hint: `Seed it with createTestContext({ services: [bindService(ref, impl)] }) or provide it first.`,
          details: { ref: ref.id },
        });
      }
      return first(ref) as T;
    },
    tryUse: first,
    useAll<T>(ref: ServiceRef<T, 'multiple'>): readonly T[] {
      return [...(providers.get(ref.id) ?? [])] as T[];
    },
  };
}
