/** What a key may do. Each scope includes the ones before it: admin ⊃ operate ⊃ read. */
export const SCOPES = ['read', 'operate', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

/** What a route requires: a scope, or `public` (no key; limited per address). */
export type RouteScope = Scope | 'public';

/** True when a key with `held` may call a route that requires `required`. */
export function grants(held: Scope, required: RouteScope): boolean {
  if (required === 'public') return true;
  return SCOPES.indexOf(held) >= SCOPES.indexOf(required);
}

/** Narrows a string to a scope. */
export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}
