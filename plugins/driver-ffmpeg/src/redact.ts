import { schemeOf } from './args.js';

/** `/app/key`: an RTMP path whose last segment is the stream key. */
const STREAM_KEY_PATH = /\/[^/]+\/[^/]+$/;
const SECRET_QUERY_KEYS = /^(passphrase|streamid|key|token|secret|password|pwd|auth)$/i;

/**
 * Where an output goes, without secrets: an RTMP URL loses its last path segment (the stream key),
 * any URL loses its user info and query string; a file path is returned as it is.
 */
export function destinationOf(target: string): string {
  const scheme = schemeOf(target);
  if (scheme === undefined || scheme === 'file') return target;
  const url = parseUrl(target);
  if (!url) return target.replace(/[?#].*$/, '');
  url.username = '';
  url.password = '';
  url.search = '';
  url.hash = '';
  if (scheme.startsWith('rtmp') && STREAM_KEY_PATH.test(url.pathname))
    url.pathname = url.pathname.replace(/\/[^/]+$/, '');
  return url.toString().replace(/\/$/, '');
}

/** The target with its stream key and secret query values replaced by `***`, for logs and raw values. */
export function redactTarget(target: string): string {
  const scheme = schemeOf(target);
  if (scheme === undefined || scheme === 'file') return target;
  const url = parseUrl(target);
  if (!url) return target.replace(/\?.*$/, '?***');
  if (url.password) url.password = '***';
  for (const key of [...url.searchParams.keys()])
    if (SECRET_QUERY_KEYS.test(key)) url.searchParams.set(key, '***');
  if (scheme.startsWith('rtmp') && STREAM_KEY_PATH.test(url.pathname))
    url.pathname = url.pathname.replace(/\/[^/]+$/, '/***');
  return decodeURI(url.toString());
}

/** A function that replaces every occurrence of the target in a text with its redacted form. */
export function redactorFor(target: string): (text: string) => string {
  const safe = redactTarget(target);
  if (safe === target) return (text) => text;
  return (text) => text.replaceAll(target, safe);
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}
