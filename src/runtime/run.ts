/**
 * Running a plan online. Per step: import the revision, call upgrade(op) or
 * downgrade(op) with an `op` whose SQL goes straight to the session, then
 * write the version-row changes and the log row in one statement, in the
 * same transaction as the step's own statements.
 *  - transactionMode "per-revision": BEGIN ... COMMIT around each step;
 *  - "all": one transaction around the plan (split only around
 *    non-transactional steps, which cannot run inside one);
 *  - a revision exporting `transactional = false` runs without a
 *    transaction, its bookkeeping statement right after.
 * A failure rolls back the open transaction and becomes one error naming
 * revision, file, statement and PostgreSQL's message and code.
 */
import { performance } from "node:perf_hooks";
import type { Executor } from "../db/types";
import { RevisionError } from "../errors";
import { Operations } from "../ops/operations";
import type { Plan, PlanStep } from "../revisions/plan";
import { describeVersionChange } from "./describe";
import { stepFailure } from "./failure";
import { fileChecksum, loadRevisionModule } from "./revision-module";
import { ExecutingSink, StatementFailure } from "./sinks";
import { type RuntimeTables, recordStepStatement, unexpectedCounts } from "./tables";

export interface RunContext {
  readonly executor: Executor;
  readonly tables: RuntimeTables;
  /** Project root: transpile cache, and where paths in messages are relative to. */
  readonly root: string;
  readonly transactionMode: "per-revision" | "all";
  readonly statementTimeout: number | null;
  /** Called after each step (the caller decides whether to print). */
  readonly onStep?: (step: StepResult, index: number, total: number) => void;
}

export interface StepResult {
  readonly revision: string;
  readonly direction: "up" | "down";
  readonly durationMs: number;
}

export async function runPlan(plan: Plan, context: RunContext): Promise<StepResult[]> {
  const { executor, transactionMode } = context;
  const timeout = context.statementTimeout;
  const results: StepResult[] = [];
  let open = false;
  const begin = async (): Promise<void> => {
    await executor.exec(timeout === null ? "BEGIN" : `BEGIN; SET LOCAL statement_timeout = ${Math.floor(timeout)}`);
    open = true;
  };
  const finish = async (sql: "COMMIT" | "ROLLBACK"): Promise<void> => {
    open = false;
    await executor.exec(sql);
  };
  try {
    for (const [index, step] of plan.steps.entries()) {
      const module = loadRevisionModule(step.revision, step.path, context.root);
      const fn = step.direction === "up" ? module.upgrade : module.downgrade;
      let result: StepResult;
      if (module.transactional) {
        if (!open) await begin();
        try {
          result = await runStep(step, fn, context, true);
          if (transactionMode === "per-revision") await finish("COMMIT");
        } catch (error) {
          await finish("ROLLBACK").catch(() => undefined);
          throw failure(error, step, context, transactionMode === "all" ? "the transaction around the plan was rolled back (transactionMode all); nothing since the last non-transactional revision was kept" : undefined);
        }
      } else {
        if (open) await finish("COMMIT");
        if (timeout !== null) await executor.exec(`SET statement_timeout = ${Math.floor(timeout)}`);
        try {
          result = await runStep(step, fn, context, false);
        } catch (error) {
          throw failure(error, step, context, "this revision is not transactional: the statements it ran before the failure stay, and its version row was not written");
        } finally {
          if (timeout !== null) await executor.exec("RESET statement_timeout").catch(() => undefined);
        }
      }
      results.push(result);
      context.onStep?.(result, index, plan.steps.length);
    }
    if (open) await finish("COMMIT");
  } catch (error) {
    if (open) await finish("ROLLBACK").catch(() => undefined);
    throw error;
  }
  return results;
}

async function runStep(
  step: PlanStep,
  fn: (op: Operations) => Promise<void> | void,
  context: RunContext,
  inTransaction: boolean,
): Promise<StepResult> {
  const sink = new ExecutingSink(context.executor, inTransaction);
  const startedAt = new Date();
  const t0 = performance.now();
  await fn(new Operations(sink));
  const durationMs = performance.now() - t0;
  const record = recordStepStatement(context.tables, step.versionChanges, {
    revision: step.revision,
    direction: step.direction,
    startedAt,
    finishedAt: new Date(),
    durationMs,
    checksum: fileChecksum(step.path),
  });
  let counts: Record<string, unknown> | undefined;
  try {
    counts = (await context.executor.query(record.sql, record.params)).rows[0];
  } catch (error) {
    throw new StatementFailure(record.sql, error);
  }
  const off = unexpectedCounts(step.versionChanges, counts);
  if (off.length > 0) {
    throw new RevisionError(
      `the version table does not match the plan (${off.map(describeVersionChange).join("; ")} found no row)`,
      { hint: "another tool changed the version table; check `migrator current`, then `migrator stamp` to repair it" },
    );
  }
  return { revision: step.revision, direction: step.direction, durationMs: Math.round(durationMs * 10) / 10 };
}

function failure(error: unknown, step: PlanStep, context: RunContext, aftermath?: string): Error {
  if (error instanceof StatementFailure) {
    return stepFailure(error.original, { step, root: context.root, statement: error.statement, aftermath });
  }
  return stepFailure(error, { step, root: context.root, aftermath });
}
