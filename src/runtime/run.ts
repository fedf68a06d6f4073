/**
 * Running a plan online. Per step: import the revision, call upgrade(op) or
 * downgrade(op), then write the version-row changes and the log row in one
 * statement, in the same transaction as the step's own statements.
 *  - transactionMode "per-revision": BEGIN ... COMMIT around each step. The
 *    step's statements (those without parameters) are held back and sent in
 *    one message with its bookkeeping, COMMIT and the next BEGIN: one round
 *    trip per step (see ExecutingSink and sendBatch for how a failure in
 *    such a message is still pinned on one statement);
 *  - "all": one transaction around the plan (split only around
 *    non-transactional steps, which cannot run inside one);
 *  - a revision exporting `transactional = false` runs without a
 *    transaction, statement by statement, its bookkeeping right after;
 *    so does every revision on a database whose DDL cannot be rolled back
 *    (the dialect's transactionalDdl false: MySQL), which also counts the
 *    statements each step has finished in its log row.
 * Under a DDL lock timeout (lock-retry.ts) a step whose statement gives up
 * waiting for its lock is rolled back (per revision: its transaction; in
 * "all": to a savepoint at its start) and tried again after a pause; a
 * non-transactional step tries that statement again, where that is safe.
 * A failure rolls back the open transaction and becomes one error naming
 * revision, file, statement and the database's message and code.
 *
 * Speed: with per-revision transactions each COMMIT would wait for its own
 * flush to disk (milliseconds on real disks, the bulk of a trivial step).
 * Every step but the last commits without waiting (the dialect's
 * relaxedCommits): each stays atomic (schema, version row and log together
 * or not at all), and the last step's waiting commit flushes all before it,
 * so when the run reports success everything it did is durable.
 * Every statement text comes from the dialect; this is only their order.
 */
import { relative } from "node:path";
import { performance } from "node:perf_hooks";
import type { Executor } from "../db/types";
import type { Dialect } from "../dialect";
import type { TransactionSql } from "../dialect/runtime";
import { RevisionError } from "../errors";
import { Operations, type RevisionHome } from "../ops/operations";
import type { Plan, PlanStep } from "../revisions/plan";
import { type BackfillListener, BackfillRunner } from "./backfill";
import { describeVersionChange } from "./describe";
import { shorten, stepFailure } from "./failure";
import { type RevisionModule, loadPlanModules } from "./revision-module";
import { type DdlLockPolicy, type LockRetry, lockTimeoutError, pause, retryDelay, stepLockTimeout, whoBlocked } from "./lock-retry";
import { CollectingSink, ExecutingSink, type RetryDecision, StatementFailure } from "./sinks";
import type { RuntimeTables } from "./tables";

export interface RunContext {
  readonly dialect: Dialect;
  readonly executor: Executor;
  readonly tables: RuntimeTables;
  /** Project root: transpile cache, and where paths in messages are relative to. */
  readonly root: string;
  readonly transactionMode: "per-revision" | "all";
  readonly statementTimeout: number | null;
  /** Lock timeouts of steps and their retries; none when absent. */
  readonly ddlLocks?: DdlLockPolicy;
  /** A tenant's schema, when a fleet runs the plan there (runtime/home.ts). */
  readonly home?: RevisionHome;
  /** Called after each step (the caller decides whether to print). */
  readonly onStep?: (step: StepResult, index: number, total: number) => void;
  /** Called (and awaited) after each committed batch of an op.backfill. */
  readonly onBackfill?: BackfillListener;
}

export interface StepResult {
  readonly revision: string;
  readonly direction: "up" | "down";
  readonly durationMs: number;
}

export async function runPlan(plan: Plan, context: RunContext): Promise<StepResult[]> {
  const { executor, transactionMode } = context;
  const tx = context.dialect.runtime.transactions;
  const perRevision = transactionMode === "per-revision";
  const total = plan.steps.length;
  // every module first: a broken file stops the run before anything is applied
  const modules = loadPlanModules(plan, context.root, context.dialect);
  // where DDL commits at once, no step can be undone: each runs as a non-transactional one
  const inTransaction = (module: RevisionModule | undefined): boolean => module?.transactional === true && context.dialect.runtime.transactionalDdl;
  const results: StepResult[] = [];
  const timeout = context.statementTimeout;
  const session = new CommitMode(tx, perRevision && total > 1);
  const aftermath = perRevision ? undefined : "the transaction around the plan was rolled back (transactionMode all); nothing since the last non-transactional revision was kept";
  const locks = context.ddlLocks;
  const retries = locks?.retries ?? 0;
  const lockTimeoutOf = (module: RevisionModule | undefined): number | null => (module === undefined ? null : stepLockTimeout(module, locks));
  const begin = (lockMs: number | null): string => tx.chain(tx.begin(timeout), lockMs === null ? "" : tx.localLockTimeout(lockMs));
  let open = false;
  /** The lock timeout SET LOCAL in the open transaction (null: the session's own). */
  let inForce: number | null = null;
  try {
    for (const [index, step] of plan.steps.entries()) {
      const module = modules[index] as RevisionModule;
      const last = index === total - 1;
      const lockMs = lockTimeoutOf(module);
      let result: StepResult | undefined;
      if (inTransaction(module)) {
        // in one transaction around the plan, a retried step goes back to a savepoint at its start
        const savepoint = !perRevision && lockMs !== null && retries > 0;
        for (let attempt = 1; result === undefined; attempt += 1) {
          if (!open) {
            await executor.exec(tx.chain(session.prefix(last), begin(lockMs)));
            open = true;
            inForce = lockMs;
          }
          // a retry finds its savepoint still there: ROLLBACK TO keeps it
          const setup = tx.chain(inForce === lockMs ? "" : tx.localLockTimeout(lockMs), savepoint && attempt === 1 ? tx.stepSavepoint : "");
          if (setup !== "") await executor.exec(setup);
          inForce = lockMs;
          // the step's statements, its bookkeeping, COMMIT and the next BEGIN go in one message when they can
          let after: string[] = savepoint ? [tx.releaseStepSavepoint] : [];
          let chained: boolean = open;
          const nextLockMs = lockTimeoutOf(modules[index + 1]);
          if (perRevision || last) {
            chained = inTransaction(modules[index + 1]) && perRevision;
            after = [...after, session.prefix(last), tx.commit, ...(chained ? [session.prefix(index + 1 === total - 1), begin(nextLockMs)] : [])];
          }
          try {
            // batching only per revision: its savepoints would pile up in one transaction around the plan
            result = await runStep(step, module, context, { inTransaction: true, batching: perRevision, after });
          } catch (error) {
            const lockFailure = lockMs !== null && error instanceof StatementFailure && error.part !== "commit" && context.dialect.runtime.isLockTimeout(error.original);
            if (lockFailure && attempt <= retries && (!savepoint || (await backToSavepoint(executor, tx.rollbackToStepSavepoint)))) {
              if (!savepoint) {
                open = false;
                await executor.exec(tx.rollback).catch(() => undefined);
              }
              // the failed message may have held commit-mode changes that never ran
              session.forget();
              const blocked = await whoBlocked(context.dialect, executor, error.statement);
              await retryPause(locks as DdlLockPolicy, { step, attempt, lockMs, statement: error.statement, ...blocked });
              continue;
            }
            open = false;
            // also after a failed COMMIT (deferred constraints), which has rolled back already
            await executor.exec(tx.rollback).catch(() => undefined);
            await context.dialect.runtime.completePrivilegeNote(error instanceof StatementFailure ? error.original : error, executor);
            if (lockFailure) {
              const blocked = await whoBlocked(context.dialect, executor, error.statement);
              throw lockTimeoutError({ step, file: shownPath(context, step), statement: error.statement, lockTimeoutMs: lockMs, attempts: attempt, ...blocked, aftermath, cause: error.original });
            }
            throw failure(error, step, context, aftermath, index === 0);
          }
          open = chained;
          if (chained) inForce = nextLockMs;
        }
      } else {
        if (open) {
          open = false;
          await executor.exec(tx.chain(session.prefix(last), tx.commit));
        }
        const settings = tx.chain(session.prefix(last), timeout === null ? "" : tx.sessionTimeout(timeout), lockMs === null ? "" : tx.sessionLockTimeout(lockMs));
        if (settings !== "") await executor.exec(settings);
        const retry = lockMs === null ? undefined : await nonTransactionalRetry(context, step, lockMs);
        const ran: string[] = [];
        const why = module.transactional ? "this database cannot roll DDL back, so the revision ran without a transaction" : "this revision is not transactional";
        const aftermathHere = (left: string): string =>
          `${why}: the statements it ran before the failure stay${left}, and its version row was not written ` +
          `(\`migrator status\` lists what it may have left; \`migrator stamp ${step.revision}\` if its work is done, else undo it and rerun)`;
        try {
          result = await runStep(step, module, context, { inTransaction: false, batching: false, after: [], retry: retry?.decide, ran });
        } catch (error) {
          const left = context.dialect.runtime.stepProgressSql === undefined ? "" : await statementsLeft(step, module, context, ran, error);
          const gaveUp = lockMs === null ? undefined : retry?.gaveUp(error);
          if (gaveUp !== undefined && lockMs !== null) {
            const leftBehind = gaveUp.unsafe === undefined ? aftermathHere(left) : `${gaveUp.unsafe}; ${aftermathHere(left)}`;
            throw lockTimeoutError({ step, file: shownPath(context, step), lockTimeoutMs: lockMs, ...gaveUp, aftermath: leftBehind });
          }
          throw failure(error, step, context, aftermathHere(left), index === 0);
        } finally {
          const reset = tx.chain(timeout === null ? "" : tx.resetSessionTimeout, lockMs === null ? "" : tx.resetSessionLockTimeout);
          if (reset !== "") await executor.exec(reset).catch(() => undefined);
        }
      }
      results.push(result);
      context.onStep?.(result, index, total);
    }
  } catch (error) {
    if (open) await executor.exec(tx.rollback).catch(() => undefined);
    throw error;
  } finally {
    if (session.async) await executor.exec(tx.relaxedCommits(false)).catch(() => undefined);
  }
  return results;
}

/** Back to the savepoint at the step's start; false when the transaction is gone (the caller fails the step). */
async function backToSavepoint(executor: Executor, sql: string): Promise<boolean> {
  try {
    await executor.exec(sql);
    return true;
  } catch {
    return false;
  }
}

interface FailedTry {
  readonly step: PlanStep;
  readonly attempt: number;
  readonly lockMs: number;
  readonly statement: string;
  readonly tables: LockRetry["tables"];
  readonly holders: LockRetry["holders"];
}

/** Tells of the failed try (awaited), then waits out its pause. */
async function retryPause(policy: DdlLockPolicy, failed: FailedTry): Promise<void> {
  const delayMs = retryDelay(policy, failed.attempt);
  await policy.onRetry?.({
    revision: failed.step.revision,
    direction: failed.step.direction,
    attempt: failed.attempt,
    attempts: policy.retries + 1,
    lockTimeoutMs: failed.lockMs,
    delayMs,
    statement: failed.statement,
    tables: failed.tables,
    holders: failed.holders,
  });
  await pause(delayMs);
}

/** What a non-transactional step that gave up on a lock says about it. */
interface GaveUp {
  readonly statement: string;
  readonly attempts: number;
  readonly tables: LockRetry["tables"];
  readonly holders: LockRetry["holders"];
  /** Why it was not tried again before the retries ran out. */
  readonly unsafe?: string;
  readonly cause: unknown;
}

/**
 * Outside a transaction each statement commits on its own, so a statement
 * that gave up on its lock is tried again, not the step, and only when
 * trying again is safe: the statement holds no transaction control (its
 * part before a COMMIT would stay), and it left no INVALID index (CREATE
 * INDEX CONCURRENTLY that gave up after creating its index: run again, the
 * IF NOT EXISTS op.createIndex writes would find it and build nothing).
 */
async function nonTransactionalRetry(
  context: RunContext,
  step: PlanStep,
  lockMs: number,
): Promise<{ decide: RetryDecision; gaveUp: (error: unknown) => GaveUp | undefined }> {
  const { dialect, executor } = context;
  const policy = context.ddlLocks;
  const retries = policy?.retries ?? 0;
  const invalidBefore = new Set(await dialect.runtime.readInvalidIndexes(executor));
  let last: GaveUp | undefined;
  const decide: RetryDecision = async (failed, attempt) => {
    if (!dialect.runtime.isLockTimeout(failed.original)) return false;
    const blocked = await whoBlocked(dialect, executor, failed.statement);
    last = { statement: failed.statement, attempts: attempt, ...blocked, cause: failed.original };
    if (attempt > retries || policy === undefined) return false;
    const control = dialect.sql.findTransactionControl(failed.statement);
    if (control !== undefined) {
      last = { ...last, unsafe: `not tried again: the statement holds ${control}, so part of it may have been committed` };
      return false;
    }
    const left = (await dialect.runtime.readInvalidIndexes(executor)).filter((name) => !invalidBefore.has(name));
    if (left.length > 0) {
      last = { ...last, unsafe: `not tried again: it left the INVALID index ${left.join(", ")} (a rerun of op.createIndex(..., { concurrently: true }) drops it first; else drop it before the rerun)` };
      return false;
    }
    await retryPause(policy, { step, attempt, lockMs, statement: failed.statement, tables: blocked.tables, holders: blocked.holders });
    return true;
  };
  const gaveUp = (error: unknown): GaveUp | undefined =>
    error instanceof StatementFailure && last !== undefined && error.original === last.cause ? last : undefined;
  return { decide, gaveUp };
}

function shownPath(context: RunContext, step: PlanStep): string {
  return relative(context.root, step.path) || step.path;
}

/**
 * Commits that do not wait for the disk, for the session: on while steps
 * remain (when enabled), off for the last step, as a statement chained
 * before one already being sent ("" when nothing changes).
 */
class CommitMode {
  async = false;

  constructor(
    private readonly tx: TransactionSql,
    private readonly enabled: boolean,
  ) {}

  /** Whether `async` is what the session has: not after a failed message that held a change. */
  private known = true;

  /** Unsure what the session has: the next prefix says it again (and the end of the run resets it). */
  forget(): void {
    if (!this.enabled) return;
    this.known = false;
    this.async = true;
  }

  prefix(last: boolean): string {
    if (!this.enabled) return "";
    const wanted = !last;
    if (this.known && wanted === this.async) return "";
    this.known = true;
    this.async = wanted;
    return this.tx.relaxedCommits(wanted);
  }
}

interface StepOptions {
  readonly inTransaction: boolean;
  /** Hold the step's statements back and send them with its bookkeeping (see ExecutingSink). */
  readonly batching: boolean;
  /** Sent right after the bookkeeping, in the same message: COMMIT, the next BEGIN... */
  readonly after: readonly string[];
  /** Outside a transaction: whether a statement that failed is run again. */
  readonly retry?: RetryDecision;
  /** Filled with each statement of the step as it finishes (non-transactional steps). */
  readonly ran?: string[];
}

/** Runs the step's statements and records it (version rows, log row), with `after` in the same message. */
async function runStep(step: PlanStep, module: RevisionModule, context: RunContext, options: StepOptions): Promise<StepResult> {
  const fn = step.direction === "up" ? module.upgrade : module.downgrade;
  const { dialect } = context;
  const startedAt = new Date();
  // outside a transaction nothing undoes a half-run step: its start is recorded (and committed) first
  const startedRow = options.inTransaction ? undefined : await recordStart(context, step, module, startedAt);
  // a backfill's progress is tied to this run's log row: a rerun after an interruption carries it on
  const backfills =
    startedRow === undefined
      ? undefined
      : new BackfillRunner(dialect, context.executor, context.tables, { revision: step.revision, direction: step.direction, logId: startedRow }, context.onBackfill);
  const sink = new ExecutingSink(dialect, context.executor, options.inTransaction, false, options.batching, options.retry, backfills, statementDone(context, startedRow, options.ran));
  const t0 = performance.now();
  await fn(new Operations(sink, dialect.types, context.home));
  const bookkeeping = dialect.runtime.recordStepSql(context.tables, step.versionChanges, {
    revision: step.revision,
    direction: step.direction,
    startedAt,
    clientMs: performance.now() - t0,
    checksum: module.checksum,
    startedRow,
  });
  try {
    await sink.flush(dialect.runtime.transactions.chain(bookkeeping, ...options.after));
  } catch (error) {
    throw error instanceof StatementFailure && error.part === "record" ? bookkeepingError(dialect, error.original, error.statement, step) : error;
  }
  const durationMs = performance.now() - t0;
  return { revision: step.revision, direction: step.direction, durationMs: Math.round(durationMs * 10) / 10 };
}

/**
 * What a non-transactional step does after each statement: notes it in
 * `ran`, and where the dialect counts them, the count in its log row, so a
 * run killed half-way is reported with the statements that ran.
 */
function statementDone(context: RunContext, startedRow: string | undefined, ran: string[] | undefined): ((sql: string) => Promise<void>) | undefined {
  const { runtime } = context.dialect;
  if (startedRow === undefined || ran === undefined) return undefined;
  return async (sql) => {
    ran.push(sql);
    const update = runtime.stepProgressSql?.(context.tables, startedRow, ran.length);
    if (update === undefined) return;
    try {
      await context.executor.exec(update);
    } catch (error) {
      throw new StatementFailure(update, error, "record");
    }
  };
}

/**
 * The statements of a failed non-transactional step, told exactly: those that
 * ran, the one that failed and those not run, listed by running the revision
 * again without a database (a revision that reads the database cannot be listed past that).
 */
async function statementsLeft(step: PlanStep, module: RevisionModule, context: RunContext, ran: readonly string[], error: unknown): Promise<string> {
  const failed = error instanceof StatementFailure && error.part === "statement" ? error.statement : undefined;
  const listing = new CollectingSink(context.dialect);
  let complete = true;
  try {
    await (step.direction === "up" ? module.upgrade : module.downgrade)(new Operations(listing, context.dialect.types, context.home));
  } catch {
    complete = false;
  }
  const planned = listing.statements.map((stmt) => stmt.sql);
  const samePrefix = ran.every((sql, i) => planned[i] === sql);
  const done = ran.length === 0 ? "none ran" : `${count(ran.length)} ran (${some(ran)})`;
  const notRun = samePrefix ? planned.slice(ran.length + (failed === undefined ? 0 : 1)) : [];
  const rest = !samePrefix
    ? "the statements after it could not be listed"
    : notRun.length === 0 && complete
      ? "none was left to run"
      : `${count(notRun.length)}${complete ? "" : " (or more: the revision could not be listed past that)"} not run${notRun.length === 0 ? "" : ` (${some(notRun)})`}`;
  return ` (of its statements, ${done}; ${failed === undefined ? "then it failed" : `1 failed (${shorten(failed, 60)})`}; ${rest})`;
}

function count(n: number): string {
  return `${n} statement${n === 1 ? "" : "s"}`;
}

/** The first few statements, shortened: a long revision's error stays readable. */
function some(statements: readonly string[], max = 3): string {
  const shown = statements.slice(0, max).map((sql) => shorten(sql, 60));
  return statements.length > max ? `${shown.join("; ")}; and ${statements.length - max} more` : shown.join("; ");
}

/** The unfinished log row of a non-transactional step (see startStepSql); its id. */
async function recordStart(context: RunContext, step: PlanStep, module: RevisionModule, startedAt: Date): Promise<string> {
  const sql = context.dialect.runtime.startStepSql(context.tables, { revision: step.revision, direction: step.direction, startedAt, checksum: module.checksum });
  let id: unknown;
  try {
    id = (await context.executor.query<{ id: string }>(sql)).rows[0]?.id;
  } catch (error) {
    throw new StatementFailure(sql, error, "record");
  }
  if (typeof id !== "string") throw new StatementFailure(sql, new Error("the log row of the step's start returned no id"), "record");
  return id;
}

/** A failed bookkeeping message: the version check in words, or the statement that failed. */
function bookkeepingError(dialect: Dialect, error: unknown, sql: string, step: PlanStep): Error {
  const off = dialect.runtime.versionCheckFailure(error, step.versionChanges);
  if (off === undefined) return new StatementFailure(sql, error);
  return new RevisionError(`the version table does not match the plan (${off.map(describeVersionChange).join("; ")} found no row)`, {
    hint: "another tool changed the version table; check `migrator current`, then `migrator stamp` to repair it",
  });
}

function failure(error: unknown, step: PlanStep, context: RunContext, aftermath?: string, first?: boolean): Error {
  if (error instanceof StatementFailure) {
    return stepFailure(error.original, { dialect: context.dialect, step, root: context.root, statement: error.statement, aftermath, first });
  }
  return stepFailure(error, { dialect: context.dialect, step, root: context.root, aftermath, first });
}
