/** Reads one field spec (JSONPath or CSS selector) of the current item: trimmed text, or undefined. */
export type FieldReader = (spec: string) => string | undefined;

/**
 * Reads a spec that may be a template: `https://x.example/event/{$.id}` fills each `{…}` with the field it
 * names and is undefined when any of them is missing; a spec without braces is read directly.
 */
export function readSpec(read: FieldReader, spec: string | undefined): string | undefined {
  if (spec === undefined) return undefined;
  if (!spec.includes('{')) return read(spec);
  let missing = false;
  const filled = spec.replace(/\{([^}]+)\}/g, (_, expression: string) => {
    const value = read(expression.trim());
    if (value === undefined) missing = true;
    return value ?? '';
  });
  return missing ? undefined : filled;
}
