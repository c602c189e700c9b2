import { Ajv } from 'ajv';
import { createTestContext } from '@encoder-manager/sdk/testing';
import { ApiConfigSchema, type ApiConfig } from '../../src/config.js';
import { createRuntime, type ApiRuntime } from '../../src/runtime.js';

/** A config with every default filled in, as the host would pass it. */
export function defaultConfig(overrides: Record<string, unknown> = {}): ApiConfig {
  const config = structuredClone(overrides);
  new Ajv({ useDefaults: true, strict: false }).validate(ApiConfigSchema, config);
  return config as ApiConfig;
}

/** The plugin's runtime built in a test context: the same route table and router the agent serves. */
export function buildRuntime(overrides: Record<string, unknown> = {}): {
  runtime: ApiRuntime;
  stop(): Promise<void>;
} {
  // The route table needs no database; a store that refuses use proves it.
  const refuse = () => {
    throw new Error('no store in route-table tests');
  };
  const store = {
    prefix: 'api_',
    dialect: 'sqlite' as const,
    tableName: (n: string) => `api_${n}`,
    table: refuse,
    transaction: refuse,
  };
  const t = createTestContext({ name: 'api', store });
  const runtime = createRuntime(t.ctx, defaultConfig(overrides));
  return {
    runtime,
    stop: async () => {
      runtime.monitor.stop();
      await t.stop();
    },
  };
}
