import { EmError, errorMessageOf } from '@encoder-manager/sdk';

/** Runs a command and turns its result or error into an exit code, printing errors for people. */
export async function runCommand(command: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await command();
  } catch (error) {
    process.stderr.write(`${describeError(error)}\n`);
    process.exitCode = 1;
  }
}

function describeError(error: unknown): string {
  if (error instanceof EmError) {
    return [`error ${error.code}: ${error.message}`, error.hint ? `  fix: ${error.hint}` : undefined]
      .filter(Boolean)
      .join('\n');
  }
  return `error: ${errorMessageOf(error)}`;
}
