import type { KeyRecord } from '../keys/record.js';
import { PROBLEM, problem } from '../http/problem.js';

/** Routes that are not about one site (settings, keys, dead letters) need a key without a site limit. */
export function requireAllSites(key: KeyRecord | undefined): void {
  if (key?.sites)
    throw problem(403, PROBLEM.forbidden, 'Forbidden', 'this route needs a key that is not limited to sites');
}
