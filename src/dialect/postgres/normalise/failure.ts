/**
 * PostgreSQL's refusals while normalising, as one line naming the statement
 * it was running: a lock it waited for too long, a privilege the role lacks,
 * or the entities' own schema, which is worth a second try without the
 * plain-table shortcut so that the error names the table.
 */
import type { Executor } from "../../../db/types";
import { describePrivilegeFailure, isPrivilegeFailure } from "../connection/privilege";
import { DatabaseError, MigratorError } from "../../../errors";

/** PostgreSQL refused the scratch copy (not a lock timeout): worth a second try without plain tables, to name the table. */
export class RejectedInScratch extends DatabaseError {
  hadPlainTables = false;
}

const LOCK_NOT_AVAILABLE = "55P03";
/** duplicate_table, duplicate_object, duplicate_function, duplicate_column. */
const NAME_CLASHES = new Set(["42P07", "42710", "42723", "42701"]);

/** How the scratch copy was built when it was not built where the objects live. */
export interface FallbackContext {
  /** Why not: `role "reader" may not create in schema "public"`. */
  readonly reason: string;
  /** The statement with scratch names put back to the model's. */
  readonly realNames: (text: string) => string;
}

/** PostgreSQL's error, with the statement it happened in when known. */
export function scratchFailure(error: unknown, executor: Executor, statement: string | null, fallback?: FallbackContext): MigratorError {
  const fields = fieldsOf(error);
  const named = (text: string): string => (fallback === undefined ? text : fallback.realNames(text));
  const message = named(error instanceof Error ? error.message : String(error));
  if (fields["code"] === LOCK_NOT_AVAILABLE) {
    return new DatabaseError(`normalising the entity model timed out waiting for a lock on ${executor.description}: ${message}`, {
      hint: "another session holds a lock on a table the entities define; retry when it is done",
      cause: error,
    });
  }
  let where = "";
  if (statement !== null) {
    const flat = named(statement).trim().replace(/\s+/g, " ");
    where = ` in: ${flat.length > 200 ? `${flat.slice(0, 200)}...` : flat}`;
  }
  if (isPrivilegeFailure(error)) {
    const privilege = describePrivilegeFailure(error, statement ?? undefined);
    return new DatabaseError(`normalising the entity model: ${named(privilege.message)}${where}`, {
      hint: privilege.hint,
      cause: error,
    });
  }
  if (fallback !== undefined) {
    return new RejectedInScratch(`PostgreSQL rejects the entities' schema as built in the session's temporary schema (${fallback.reason}): ${message}${where}`, {
      hint: "check the entities' declarations; if they are right, the temporary copy cannot stand in for them: grant the role CREATE on the schema, or run migrator as the objects' owner",
      cause: error,
    });
  }
  return new RejectedInScratch(`PostgreSQL rejects the entities' schema: ${message}${where}`, {
    hint: NAME_CLASHES.has(String(fields["code"]))
      ? "two declarations use one name (table, index, constraint or type): rename one of them"
      : "check the column types, defaults, checks, index expressions and view bodies the entities declare",
    cause: error,
  });
}

/** The statement of a batch that `position` (counted from the batch's start) points into. */
export function statementAt(sql: string, error: unknown): string | null {
  const position = Number(fieldsOf(error)["position"]);
  if (!Number.isInteger(position) || position <= 0) return null;
  const start = sql.lastIndexOf("\n;\n", position - 1);
  const end = sql.indexOf("\n;\n", position - 1);
  return sql.slice(start < 0 ? 0 : start + 3, end < 0 ? sql.length : end);
}

/**
 * The statement the scratch function was running: PostgreSQL reports it as
 * the internal query when the error has a position in it, and otherwise
 * in the error's context, as the innermost `SQL statement "..."` line.
 */
export function innerStatement(error: unknown): string | null {
  const fields = fieldsOf(error);
  if (typeof fields["internalQuery"] === "string") return fields["internalQuery"];
  const context = fields["where"];
  if (typeof context !== "string") return null;
  const start = context.indexOf('SQL statement "');
  if (start < 0) return null;
  const end = context.indexOf('"\nPL/pgSQL function', start);
  return context.slice(start + 'SQL statement "'.length, end < 0 ? undefined : end);
}

function fieldsOf(error: unknown): Record<string, unknown> {
  return typeof error === "object" && error !== null ? (error as Record<string, unknown>) : {};
}
