/**
 * `--dry-run`: the plan runs for real inside one transaction that is always
 * rolled back, so later steps see what earlier ones did and the database is
 * left as it was. Non-transactional steps are listed (their SQL collected
 * without running it) but not run. Stops at the first error and reports it.
 */
import type { Executor } from "../db/types";
import type { Dialect } from "../dialect";
import { Operations } from "../ops/operations";
import type { Plan } from "../revisions/plan";
import { stepFailure } from "./failure";
import { firstLine, loadRevisionModule } from "./revision-module";
import { CollectingSink, ExecutingSink, StatementFailure } from "./sinks";
import type { RuntimeTables } from "./tables";

export interface DryRunStep {
  readonly revision: string;
  readonly direction: "up" | "down";
  readonly transactional: boolean;
  /** false for a non-transactional step (listed only) and for the steps after an error. */
  readonly ran: boolean;
  readonly statements: readonly string[];
  readonly error?: string;
}

export interface DryRunReport {
  /** Set when nothing was run: the database cannot roll DDL back, so every step was listed only (why, in words). */
  readonly note?: string;
  readonly steps: readonly DryRunStep[];
  /** The first error met; the steps after it were not tried. */
  readonly error?: string;
}

export interface DryRunContext {
  readonly dialect: Dialect;
  readonly executor: Executor;
  readonly tables: RuntimeTables;
  readonly root: string;
  readonly statementTimeout: number | null;
}

export async function dryRunPlan(plan: Plan, context: DryRunContext): Promise<DryRunReport> {
  const { executor, dialect } = context;
  if (!dialect.runtime.transactionalDdl) return listPlan(plan, context);
  const tx = dialect.runtime.transactions;
  const steps: DryRunStep[] = [];
  let error: string | undefined;
  const timeout = context.statementTimeout;
  await executor.exec(tx.begin(timeout));
  try {
    // created inside the transaction, so even a first run leaves no table behind
    for (const sql of dialect.runtime.createTablesSql(context.tables)) await executor.exec(sql);
    for (const step of plan.steps) {
      if (error !== undefined) {
        steps.push({ revision: step.revision, direction: step.direction, transactional: true, ran: false, statements: [] });
        continue;
      }
      let transactional = true;
      try {
        const module = loadRevisionModule(step.revision, step.path, context.root, dialect);
        transactional = module.transactional;
        const fn = step.direction === "up" ? module.upgrade : module.downgrade;
        if (transactional) {
          const sink = new ExecutingSink(dialect, executor, true, true);
          try {
            await fn(new Operations(sink, context.dialect.types));
          } finally {
            steps.push({ revision: step.revision, direction: step.direction, transactional, ran: true, statements: sink.statements });
          }
        } else {
          const sink = new CollectingSink(dialect);
          let listingError: string | undefined;
          await Promise.resolve(fn(new Operations(sink, context.dialect.types))).catch((e: unknown) => (listingError = firstLine(e)));
          steps.push({
            revision: step.revision,
            direction: step.direction,
            transactional,
            ran: false,
            statements: sink.sql,
            ...(listingError ? { error: `could not list all statements: ${listingError}` } : {}),
          });
        }
        for (const stmt of dialect.runtime.versionChangeStatements(context.tables, step.versionChanges)) {
          await executor.query(stmt.sql, stmt.params);
        }
      } catch (e) {
        const failure =
          e instanceof StatementFailure
            ? stepFailure(e.original, { dialect, step, root: context.root, statement: e.statement })
            : stepFailure(e, { dialect, step, root: context.root });
        error = failure.message;
        const last = steps[steps.length - 1];
        if (last?.revision === step.revision) steps[steps.length - 1] = { ...last, error: failure.message };
        else steps.push({ revision: step.revision, direction: step.direction, transactional, ran: false, statements: [], error: failure.message });
      }
    }
  } finally {
    await executor.exec(tx.rollback).catch(() => undefined);
  }
  return error === undefined ? { steps } : { steps, error };
}

/**
 * Where DDL commits at once (MySQL), a transaction rolled back would not undo
 * it: nothing runs, every step's statements are listed, and the note says so.
 */
async function listPlan(plan: Plan, context: DryRunContext): Promise<DryRunReport> {
  const { dialect } = context;
  const steps: DryRunStep[] = [];
  for (const step of plan.steps) {
    const module = loadRevisionModule(step.revision, step.path, context.root, dialect);
    const sink = new CollectingSink(dialect);
    let listingError: string | undefined;
    const fn = step.direction === "up" ? module.upgrade : module.downgrade;
    await Promise.resolve(fn(new Operations(sink, dialect.types))).catch((e: unknown) => (listingError = firstLine(e)));
    const versionRows = dialect.runtime.versionChangeStatements(context.tables, step.versionChanges).map((stmt) => dialect.sql.toOfflineSql(stmt));
    steps.push({
      revision: step.revision,
      direction: step.direction,
      transactional: false,
      ran: false,
      statements: [...sink.sql, ...versionRows],
      ...(listingError ? { error: `could not list all statements: ${listingError}` } : {}),
    });
  }
  return {
    note:
      "this database commits each DDL statement at once, so a dry run cannot run the plan and roll it back: its statements are listed, not run; " +
      "a real run records each revision's progress statement by statement and writes its version row only once it has run whole",
    steps,
  };
}
