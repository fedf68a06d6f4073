/**
 * Errors a user can act on. The CLI prints `error: <message>` (and `hint: <hint>`)
 * as one line each and exits with `exitCode`; the stack only under --debug.
 * Anything that is not a MigratorError is a bug and is reported as such.
 */
export class MigratorError extends Error {
  readonly hint?: string;
  readonly exitCode: number;

  constructor(message: string, options: { hint?: string; exitCode?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? 1;
  }
}

/** Bad migrator.config.ts: missing, unparsable, unknown key, wrong type. */
export class ConfigError extends MigratorError {}

/** A database that cannot be reached, or a statement that failed. */
export class DatabaseError extends MigratorError {}

/** A revision file or the graph they form is broken, or a target does not resolve. */
export class RevisionError extends MigratorError {}

/** Entities TypeORM rejects or that cannot be loaded. */
export class EntityError extends MigratorError {}

/** Wrong command-line usage (exit code 2). */
export class UsageError extends MigratorError {
  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, { ...options, exitCode: 2 });
  }
}

export function isMigratorError(error: unknown): error is MigratorError {
  return error instanceof MigratorError;
}
