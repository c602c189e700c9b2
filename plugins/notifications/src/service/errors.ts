import { EmError } from '@encoder-manager/sdk';
import type { Problem } from '../settings/validate.js';
import { throwIfProblems } from '../settings/validate.js';

/** Refuses a settings write with every problem listed. */
export function rejectIfProblems(problems: readonly Problem[], what: string): void {
  throwIfProblems(problems, 'EM_NOTIFY_SETTINGS_INVALID', what);
}

/** A settings item defined in the config file cannot be changed through the service. */
export function readOnly(kind: string, id: string): EmError {
  return new EmError(
    'EM_NOTIFY_SETTINGS_INVALID',
    `${kind} "${id}" is defined in the config file and is read-only here`,
    {
      hint: `Edit plugins.notifications.config in the config file, or use another id for a ${kind} managed through the API.`,
      details: { kind, id },
    },
  );
}

/** Something named does not exist. */
export function notFound(kind: string, id: string): EmError {
  return new EmError('EM_NOTIFY_NOT_FOUND', `no ${kind} "${id}"`, {
    hint: `List the notification settings (or dead letters) to see the existing ${kind} ids.`,
    details: { kind, id },
  });
}

/** A removal that would break other settings. */
export function inUse(kind: string, id: string, users: readonly string[]): EmError {
  return new EmError('EM_NOTIFY_SETTINGS_INVALID', `${kind} "${id}" is still used by ${users.join(', ')}`, {
    hint: `Remove "${id}" from those first.`,
    details: { kind, id, users },
  });
}
