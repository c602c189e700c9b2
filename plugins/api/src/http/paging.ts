import { validationProblem } from './problem.js';

/** One page of a list. */
export interface PageOf<T> {
  readonly items: T[];
  readonly nextCursor?: string;
}

/** Opaque cursors: base64url of the offset of the next item. */
function encode(offset: number): string {
  return Buffer.from(`o:${offset}`, 'utf8').toString('base64url');
}

function decode(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const match = /^o:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match)
    throw validationProblem([
      {
        pointer: '/query/cursor',
        detail: 'is not a cursor from this API; use nextCursor of the previous page',
      },
    ]);
  return Number(match[1]);
}

/** The page of `items` starting at the cursor. */
export function pageOf<T>(items: readonly T[], limit: number, cursor: string | undefined): PageOf<T> {
  const start = decode(cursor);
  const slice = items.slice(start, start + limit);
  const next = start + limit;
  return next < items.length ? { items: slice, nextCursor: encode(next) } : { items: slice };
}

/** How many items a service must return so `pageOf` can fill the requested page and see if more exist. */
export function fetchSize(limit: number, cursor: string | undefined): number {
  return decode(cursor) + limit + 1;
}
