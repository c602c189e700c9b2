import { createHash } from 'node:crypto';

/** A stable id for "this problem on this subject": name + labels, order-independent. */
export function fingerprint(name: string, labels: Readonly<Record<string, string>>): string {
  const canonical = JSON.stringify([
    name,
    Object.keys(labels)
      .sort()
      .map((key) => [key, labels[key]]),
  ]);
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}
