// Child process of `npm run bench -- api`: the HTTP load generator (autocannon), kept out of the process
// that serves, so the server under test has its own core. argv[2] is the JSON of autocannon's options;
// stdout gets one JSON line with the figures, then the process exits.
import autocannon from 'autocannon';

/** What the parent reads back. */
export interface LoadResult {
  readonly requestsPerSec: number;
  readonly total: number;
  readonly seconds: number;
  readonly latencyMs: { readonly p50: number; readonly p99: number; readonly max: number };
  readonly statuses: Readonly<Record<string, number>>;
  readonly errors: number;
  readonly timeouts: number;
}

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as autocannon.Options;
  const result = await autocannon(options);
  const statuses = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, stat.count ?? 0]),
  );
  const out: LoadResult = {
    requestsPerSec: result.requests.total / result.duration,
    total: result.requests.total,
    seconds: result.duration,
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    statuses,
    errors: result.errors,
    timeouts: result.timeouts,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`api-load: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
