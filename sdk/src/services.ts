/** How many providers a service ref accepts: one (`use`) or any number (`useAll`). */
export type ServiceMultiplicity = 'single' | 'multiple';

/**
 * A typed handle for a service that one plugin provides and others use. Plugins never import each other;
 * they share refs defined in the SDK (or in a plugin's own published types package).
 */
export interface ServiceRef<T, M extends ServiceMultiplicity = 'single'> {
  /** Stable id, `core.<name>` or `<pluginName>.<name>`. */
  readonly id: string;
  readonly multiplicity: M;
  /** Phantom field that carries `T` for the type checker; never set at run time. */
  readonly $type?: T;
}

/** Creates a service ref with exactly one provider. */
export function createServiceRef<T>(options: { id: string }): ServiceRef<T, 'single'>;
/** Creates a service ref that any number of plugins may provide (drivers, notifiers, checks …). */
export function createServiceRef<T>(options: { id: string; multiple: true }): ServiceRef<T, 'multiple'>;
export function createServiceRef<T>(options: {
  id: string;
  multiple?: boolean;
}): ServiceRef<T, ServiceMultiplicity> {
  return Object.freeze({ id: options.id, multiplicity: options.multiple ? 'multiple' : 'single' });
}
