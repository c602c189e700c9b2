import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { EmError, errorMessageOf } from '@encoder-manager/sdk';

/** The environment variable holding the master key. */
export const SECRET_KEY_ENV = 'EM_SECRET_KEY';
/** Shorter keys are refused: the variable must hold a random key, not a password. */
export const MIN_KEY_LENGTH = 32;

const VERSION = 'v1';
const HKDF_SALT = 'encoder-manager/secrets';
const HKDF_INFO = 'notifications/aes-256-gcm/v1';
const IV_BYTES = 12;

/** Encrypts secrets for the store and decrypts them again. */
export interface SecretCipher {
  /** `aad` binds the ciphertext to where it is stored (e.g. `email/password`), so rows cannot be swapped. */
  encrypt(plaintext: string, aad: string): string;
  decrypt(stored: string, aad: string): string;
}

/**
 * AES-256-GCM with a key derived by HKDF-SHA-256 from `EM_SECRET_KEY` (salt `encoder-manager/secrets`,
 * info `notifications/aes-256-gcm/v1`). Stored form: `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url),
 * where keyId is the first 8 hex digits of SHA-256(derived key) so a changed key is reported as such.
 * The key is read lazily: an agent that stores no secrets needs no key.
 */
export function createSecretCipher(env: Readonly<Record<string, string | undefined>>): SecretCipher {
  let derived: { key: Buffer; id: string } | undefined;
  const key = () => (derived ??= deriveKey(env[SECRET_KEY_ENV]));
  return {
    encrypt(plaintext, aad) {
      const { key: k, id } = key();
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', k, iv);
      cipher.setAAD(Buffer.from(aad, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [VERSION, id, iv, cipher.getAuthTag(), body].map(encodePart).join('.');
    },
    decrypt(stored, aad) {
      const { key: k, id } = key();
      const [version, keyId, iv, tag, body] = stored.split('.');
      if (version !== VERSION || !keyId || !iv || !tag || body === undefined) {
        throw decryptError(aad, 'the stored value is not in the v1 format');
      }
      if (keyId !== id)
        throw decryptError(aad, `it was encrypted with another ${SECRET_KEY_ENV} (key id ${keyId})`);
      try {
        const decipher = createDecipheriv('aes-256-gcm', k, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(aad, 'utf8'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
          'utf8',
        );
      } catch (error) {
        throw decryptError(aad, `authentication failed (${errorMessageOf(error)})`);
      }
    },
  };
}

function encodePart(part: string | Buffer): string {
  return typeof part === 'string' ? part : part.toString('base64url');
}

function deriveKey(raw: string | undefined): { key: Buffer; id: string } {
  if (raw === undefined || raw.length < MIN_KEY_LENGTH) {
    const found = raw === undefined ? 'it is not set' : `it has ${raw.length} characters`;
    throw new EmError(
      'EM_SECRET_KEY_MISSING',
      `${SECRET_KEY_ENV} must hold at least ${MIN_KEY_LENGTH} characters to store or read secrets, but ${found}`,
      {
        hint: `Set ${SECRET_KEY_ENV} in the agent's environment, e.g. ${SECRET_KEY_ENV}=$(openssl rand -base64 32).`,
      },
    );
  }
  const key = Buffer.from(hkdfSync('sha256', Buffer.from(raw, 'utf8'), HKDF_SALT, HKDF_INFO, 32));
  const id = createHash('sha256').update(key).digest('hex').slice(0, 8);
  return { key, id };
}

function decryptError(aad: string, why: string): EmError {
  return new EmError('EM_SECRET_DECRYPT_FAILED', `cannot decrypt secret ${aad}: ${why}`, {
    hint: `Restore the ${SECRET_KEY_ENV} it was stored with, or store the secret again.`,
  });
}
