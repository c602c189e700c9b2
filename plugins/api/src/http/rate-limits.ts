import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { DEFAULT_POLICIES, type ApiConfig, type PolicyWindows } from '../config.js';

/** The outcome of one consume: the draft-11 headers to send, and on refusal the seconds to wait. */
export interface LimitDecision {
  readonly allowed: boolean;
  readonly headers: Record<string, string>;
  readonly retryAfterSec?: number;
  /** Names of the windows that refused the request. */
  readonly violated: readonly string[];
}

interface Window {
  readonly name: string;
  readonly points: number;
  readonly durationSec: number;
  readonly limiter: RateLimiterMemory;
}

/** One named policy: a request must fit every window (e.g. a 1 s burst and a 60 s sustained window). */
class Policy {
  readonly windows: readonly Window[];
  readonly policyHeader: string;

  constructor(name: string, windows: PolicyWindows, extra: { blockSec?: number } = {}) {
    this.windows = windows.map((w) => ({
      name: windows.length === 1 ? name : `${name}-${w.durationSec}s`,
      points: w.points,
      durationSec: w.durationSec,
      limiter: new RateLimiterMemory({
        keyPrefix: name,
        points: w.points,
        duration: w.durationSec,
        blockDuration: extra.blockSec ?? 0,
      }),
    }));
    this.policyHeader = this.windows.map((w) => `"${w.name}";q=${w.points};w=${w.durationSec}`).join(', ');
  }

  async consume(partition: string, jitterSec: number): Promise<LimitDecision> {
    const results: WindowResult[] = [];
    // In turn, not Promise.all: the memory limiter answers at once, and this is on every request's path.
    for (const window of this.windows) results.push(await consumeOne(window, partition));
    const refused = results.filter((r) => !r.allowed);
    // The window that constrains most: a refusing one, else the one with the fewest requests left.
    const binding = (refused.length > 0 ? refused : results).reduce((a, b) =>
      b.res.remainingPoints < a.res.remainingPoints ? b : a,
    );
    const resetSec = Math.max(1, Math.ceil(binding.res.msBeforeNext / 1000));
    const headers = {
      'RateLimit-Policy': this.policyHeader,
      RateLimit: `"${binding.window.name}";r=${binding.res.remainingPoints};t=${resetSec}`,
    };
    if (refused.length === 0) return { allowed: true, headers, violated: [] };
    const waitSec = Math.max(...refused.map((r) => Math.ceil(r.res.msBeforeNext / 1000)), 1);
    // Jitter so throttled clients do not all return in the same second (RateLimit draft §7).
    const retryAfterSec = waitSec + Math.floor(Math.random() * (jitterSec + 1));
    return {
      allowed: false,
      headers: { ...headers, 'Retry-After': String(retryAfterSec) },
      retryAfterSec,
      violated: refused.map((r) => r.window.name),
    };
  }
}

interface WindowResult {
  readonly window: Window;
  readonly res: RateLimiterRes;
  readonly allowed: boolean;
}

async function consumeOne(window: Window, partition: string): Promise<WindowResult> {
  try {
    return { window, res: await window.limiter.consume(partition), allowed: true };
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return { window, res: rejection, allowed: false };
    // A failing limiter store must never turn into a 5xx: let the request through.
    return { window, res: new RateLimiterRes(window.points, window.durationSec * 1000, 0), allowed: true };
  }
}

/** Every rate limit of the API: named route policies, the per-address cap and the auth-failure block. */
export class RateLimits {
  readonly #policies = new Map<string, Policy>();
  readonly #perIp: Policy;
  readonly #authFailures: RateLimiterMemory;

  constructor(private readonly config: ApiConfig['rateLimits']) {
    for (const [name, windows] of Object.entries({ ...DEFAULT_POLICIES, ...config.policies }))
      this.#policies.set(name, new Policy(name, windows));
    this.#perIp = new Policy('ip', [config.perIp]);
    const { points, durationSec, blockSec } = config.authFailures;
    this.#authFailures = new RateLimiterMemory({
      keyPrefix: 'auth',
      points,
      duration: durationSec,
      blockDuration: blockSec,
    });
  }

  has(policy: string): boolean {
    return this.#policies.has(policy);
  }

  names(): string[] {
    return [...this.#policies.keys()];
  }

  /** The windows of a policy, for the OpenAPI document. */
  describe(policy: string): string {
    return this.#policies.get(policy)?.policyHeader ?? '';
  }

  consume(policy: string, partition: string): Promise<LimitDecision> {
    const found = this.#policies.get(policy);
    if (!found) throw new Error(`no rate-limit policy "${policy}"`);
    return found.consume(partition, this.config.retryJitterSec);
  }

  consumeIp(ip: string): Promise<LimitDecision> {
    return this.#perIp.consume(ip, this.config.retryJitterSec);
  }

  /** Seconds until an address blocked for failed authentications may try again, or undefined. */
  async authBlockedFor(ip: string): Promise<number | undefined> {
    const res = await this.#authFailures.get(ip);
    if (!res || res.consumedPoints < this.config.authFailures.points) return undefined;
    return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  }

  /** Counts a failed authentication; the limit-th failure in the window blocks the address. */
  async authFailed(ip: string): Promise<void> {
    const res = await this.#authFailures.consume(ip).catch((rejection: unknown) => rejection);
    if (res instanceof RateLimiterRes && res.consumedPoints >= this.config.authFailures.points)
      await this.#authFailures.block(ip, this.config.authFailures.blockSec);
  }
}
