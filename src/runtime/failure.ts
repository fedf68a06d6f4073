/** The one-line error of a step that failed, naming revision, file, statement and the database's verdict. */
import { relative } from "node:path";
import type { Dialect } from "../dialect";
import { DatabaseError, MigratorError } from "../errors";
import type { PlanStep } from "../revisions/plan";

const MAX_STATEMENT = 200;

export function shorten(sql: string, max = MAX_STATEMENT): string {
  const flat = sql.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 3)}...` : flat;
}

export interface FailureContext {
  /** Reads the database's error: its code, a refused privilege. */
  readonly dialect: Dialect;
  readonly step: PlanStep;
  readonly root: string;
  /** The statement that was running, when the failure came from the database. */
  readonly statement?: string;
  /** What is left behind, when it is not "nothing" (non-transactional steps, transactionMode all). */
  readonly aftermath?: string;
  /** The run's first step: no revision before it was applied by this run. */
  readonly first?: boolean;
}

export function stepFailure(error: unknown, context: FailureContext): MigratorError {
  const { step, dialect } = context;
  const file = relative(context.root, step.path) || step.path;
  const what = `${step.direction === "up" ? "upgrade" : "downgrade"} of revision ${step.revision} (${file}) failed`;
  const code = dialect.runtime.errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  const parts = [what];
  if (dialect.runtime.isPrivilegeFailure(error)) {
    // the statement the step ran, not the batch it went in
    const privilege = dialect.runtime.describePrivilegeFailure(error, context.statement);
    parts.push(`${privilege.message} [SQLSTATE ${code}]`);
    if (context.statement !== undefined) parts.push(`statement: ${shorten(context.statement)}`);
    const kept = context.aftermath ?? "nothing of this revision was kept";
    return new DatabaseError(parts.join(": "), { hint: `${privilege.hint}; ${kept}`, cause: error });
  }
  if (code !== undefined || context.statement !== undefined) {
    parts.push(`${message}${code ? ` [SQLSTATE ${code}]` : ""}`);
    if (context.statement !== undefined) parts.push(`statement: ${shorten(context.statement)}`);
  } else if (error instanceof MigratorError) {
    parts.push(error.message);
  } else {
    parts.push(message.split("\n")[0] ?? message);
  }
  const hint =
    context.aftermath ??
    (error instanceof MigratorError && error.hint
      ? error.hint
      : context.first === true
        ? "nothing of this revision was kept"
        : "nothing of this revision was kept; the revisions before it stay applied");
  return new DatabaseError(parts.join(": "), { hint, cause: error });
}
