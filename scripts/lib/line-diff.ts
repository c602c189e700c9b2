/**
 * A minimal line diff for the API report check, printed when the committed report is stale.
 * Quadratic LCS is fine here: reports are a few hundred lines, and it avoids a diff dependency.
 */

/**
 * Lines of `before` and `after` as a unified-style listing: ` ` kept, `-` removed, `+` added. Kept lines
 * further than `context` lines from a change are collapsed to `…` so the message stays readable.
 */
export function lineDiff(before: string, after: string, context = 3): string {
  const a = before.split('\n');
  const b = after.split('\n');
  // lcs[i][j] = length of the longest common subsequence of a[i..] and b[j..].
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i -= 1) {
    const row = lcs[i] ?? [];
    const below = lcs[i + 1] ?? [];
    for (let j = b.length - 1; j >= 0; j -= 1) {
      row[j] = a[i] === b[j] ? (below[j + 1] ?? 0) + 1 : Math.max(below[j] ?? 0, row[j + 1] ?? 0);
    }
  }

  const ops: { readonly mark: ' ' | '-' | '+'; readonly text: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push({ mark: ' ', text: a[i] ?? '' });
      i += 1;
      j += 1;
    } else if (i < a.length && (j >= b.length || (lcs[i + 1]?.[j] ?? 0) >= (lcs[i]?.[j + 1] ?? 0))) {
      // Removals before additions, as in a unified diff.
      ops.push({ mark: '-', text: a[i] ?? '' });
      i += 1;
    } else {
      ops.push({ mark: '+', text: b[j] ?? '' });
      j += 1;
    }
  }

  const changed = ops.map((op, index) => (op.mark === ' ' ? -1 : index)).filter((index) => index >= 0);
  const near = (index: number): boolean => changed.some((c) => Math.abs(c - index) <= context);
  const out: string[] = [];
  let skipping = false;
  ops.forEach((op, index) => {
    if (op.mark !== ' ' || near(index)) {
      out.push(`${op.mark} ${op.text}`);
      skipping = false;
    } else if (!skipping) {
      out.push('  …');
      skipping = true;
    }
  });
  return out.join('\n');
}
