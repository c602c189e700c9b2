/**
 * The stable error codes. A code is never renamed or reused once published; retire it instead.
 * `sdk/docs/errors.md` documents every code (a test keeps the two in step).
 */
export const ERROR_CODES = {
  EM_CONFIG_NOT_FOUND: 'The config file or URL could not be read.',
  EM_CONFIG_PARSE: 'The config file is not valid YAML or JSON.',
  EM_CONFIG_INVALID: 'The config failed validation; every problem is listed with its path and a fix.',
  EM_PLUGIN_NOT_FOUND: 'A plugin named in the config is not installed.',
  EM_PLUGIN_INVALID: 'A plugin module does not export a valid plugin definition.',
  EM_PLUGIN_SDK_RANGE: "The plugin's `sdk` range does not include this SDK version.",
  EM_PLUGIN_DUPLICATE: 'Two plugins or config entries use the same name.',
  EM_PLUGIN_DEPENDENCY_MISSING: 'A plugin depends on a plugin that is not enabled.',
  EM_PLUGIN_DEPENDENCY_CYCLE: 'Plugin dependencies form a cycle.',
  EM_PLUGIN_DEPENDENCY_FAILED:
    'A plugin was not started because a plugin it depends on failed or is disabled.',
  EM_PLUGIN_SETUP_FAILED: "A plugin's setup threw an error.",
  EM_PLUGIN_SETUP_TIMEOUT: "A plugin's setup did not finish within its timeout.",
  EM_PLUGIN_STOP_FAILED: "A plugin's stop threw an error or did not finish within its timeout.",
  EM_PLUGIN_HANDLER_FAILED: "A plugin's event handler or scheduled job threw an error.",
  EM_SERVICE_MISSING: 'A plugin asked for a service that no enabled plugin provides.',
  EM_SERVICE_DUPLICATE: 'Two plugins provide the same single-provider service.',
  EM_STORE_CONNECT: 'The database could not be opened or reached.',
  EM_MIGRATION_FAILED: "A plugin's migration failed; the database was left at the last good migration.",
  EM_MIGRATION_TABLE_PREFIX: "A plugin's migration created a table outside the plugin's prefix.",
  EM_DRIVER_UNREACHABLE: 'The encoder did not answer (connection refused, reset or DNS failure).',
  EM_DRIVER_AUTH: 'The encoder refused the credentials.',
  EM_DRIVER_PROTOCOL: 'The encoder answered with something the driver could not understand.',
  EM_DRIVER_TIMEOUT: 'The encoder did not answer within the deadline.',
  EM_DRIVER_UNSUPPORTED: 'The encoder or driver does not support the requested action.',
  EM_DRIVER_NOT_CONFIRMED:
    'A control action was accepted but the state read back did not confirm it in time.',
  EM_SCRAPE_FETCH: 'A meeting source could not be fetched (timeout, HTTP error or empty reply).',
  EM_SCRAPE_PARSE: 'A meeting source document could not be parsed (garbled PDF, HTML or JSON).',
  EM_SECRET_KEY_MISSING: 'A secret must be encrypted or decrypted but EM_SECRET_KEY is missing or too short.',
  EM_SECRET_DECRYPT_FAILED:
    'A stored secret could not be decrypted: EM_SECRET_KEY changed or the stored value was altered.',
  EM_NOTIFY_SETTINGS_INVALID:
    'A notification setting (recipient, role, rule, template or channel) is invalid or read-only.',
  EM_NOTIFY_NOT_FOUND: 'The named recipient, role, rule, template, channel or dead letter does not exist.',
  EM_NOTIFY_TEMPLATE_FAILED: 'A notification template failed to render; the plain default was sent instead.',
  EM_API_KEY_INVALID:
    'An API key request is invalid: unknown scope, expiry beyond the maximum, or a bad grace period.',
  EM_API_KEY_NOT_FOUND: 'The API key id does not exist, or the key is already revoked.',
  EM_API_LISTEN_FAILED: 'The API server could not listen on its host and port.',
} as const;

/** One of the stable error codes. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** Options for {@link EmError}. */
export interface EmErrorOptions {
  /** The underlying error. */
  cause?: unknown;
  /** What the reader should do about it, in one sentence. */
  hint?: string;
  /** Machine-readable details (paths, versions, raw replies). */
  details?: Record<string, unknown>;
}

/** An error with a stable code. Every error that crosses a package boundary is one of these. */
export class EmError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: EmErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'EmError';
    this.code = code;
    this.hint = options.hint;
    this.details = options.details;
  }
}

/** The plugin hooks the core calls and attributes errors to. */
export type PluginHook = 'load' | 'validate' | 'setup' | 'ready' | 'stop' | 'handler' | 'job' | 'migrate';

/** An error attributed to a plugin and the hook that raised it; the original code is kept as `pluginCode`. */
export class PluginError extends EmError {
  readonly plugin: string;
  readonly hook: PluginHook;
  readonly pluginCode: string | undefined;

  constructor(
    code: ErrorCode,
    plugin: string,
    hook: PluginHook,
    message: string,
    options: EmErrorOptions = {},
  ) {
    super(code, `plugin "${plugin}" (${hook}): ${message}`, options);
    this.name = 'PluginError';
    this.plugin = plugin;
    this.hook = hook;
    this.pluginCode = errorCodeOf(options.cause);
  }
}

/** The `code` property of an error-like value, if it has a string one. */
export function errorCodeOf(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return undefined;
}

/** A readable one-line message for any thrown value. */
export function errorMessageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
