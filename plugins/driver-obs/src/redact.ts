/** Keys whose values are secrets in obs-websocket replies (GetStreamServiceSettings carries the stream key and credentials). */
const SECRET_KEYS = /"(password|passphrase|stream|key|username)"\s*:\s*"(?:[^"\\]|\\.)*"/g;

/** The reply text with secret values masked, for error messages and logs. */
export function redact(text: string): string {
  return text.replace(SECRET_KEYS, '"$1":"***"');
}
