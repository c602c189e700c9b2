import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EmError, errorMessageOf, Type } from '@encoder-manager/sdk';
import { Value } from '@sinclair/typebox/value';
import { parse } from 'yaml';
import { SourceSchema, type SourceConfig } from '../config.js';

/** The catalog shipped with the plugin. */
export const SHIPPED_CATALOG = fileURLToPath(new URL('../../catalog/sources.yaml', import.meta.url));

const CatalogSchema = Type.Object({ sources: Type.Array(SourceSchema) }, { additionalProperties: false });

let shipped: readonly SourceConfig[] | undefined;

/**
 * Reads and validates a catalog YAML file (`sources: [...]`). Every problem is reported at once, with
 * the file and the JSON path, so a bad edit to the seed file is easy to find. The shipped catalog is
 * read once per process.
 */
export function loadCatalog(file: string = SHIPPED_CATALOG): SourceConfig[] {
  if (file !== SHIPPED_CATALOG) return readCatalog(file);
  shipped ??= readCatalog(file);
  return structuredClone([...shipped]);
}

function readCatalog(file: string): SourceConfig[] {
  let document: unknown;
  try {
    document = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new EmError('EM_CONFIG_PARSE', `${file}: ${errorMessageOf(error)}`, {
      cause: error,
      hint: 'Fix the YAML syntax of the meeting source catalog.',
    });
  }
  if (!Value.Check(CatalogSchema, document)) {
    const problems = [...Value.Errors(CatalogSchema, document)].map((e) => `${e.path || '/'} ${e.message}`);
    throw new EmError('EM_CONFIG_INVALID', `${file}: ${problems.slice(0, 10).join('; ')}`, {
      hint: 'Each entry needs name, city, body, type, url (http/https) and timeZone; see the plugin README.',
      details: { file, problems },
    });
  }
  return (document as { sources: SourceConfig[] }).sources;
}
