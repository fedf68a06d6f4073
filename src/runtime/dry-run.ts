/**
 * `--dry-run`: the plan runs for real inside one transaction that is always
 * rolled back, so later steps see what earlier ones did and the database is
 * left as it was. Non-transactional steps are listed (their SQL collected
 * without running it) but not run. Stops at the first error and reports it.
 * With an estimator (lint's reading of the operations), each operation also
 * says what it locks, scans or rewrites, and how big those tables are: read
 * after the rollback, in one query, so the sizes are those the run would meet.
 */
import type { Executor, Row } from "../db/types";
import type { Dialect } from "../dialect";
import type { StatementEstimate } from "../dialect/lint";
import { Operations, type RevisionHome } from "../ops/operations";
import type { OperationSink } from "../ops/sink";
import type { Operation } from "../ops/types";
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
  /** Per statement of each operation that ran or was listed, what it does to existing tables (with an estimator). */
  readonly estimates?: readonly DryRunEstimate[];
}

/** A statement's estimate, and which of the step's statements are its operation's SQL. */
export interface DryRunEstimate extends StatementEstimate {
  /** `statements[from]` up to, not including, `statements[to]`. */
  readonly sql: { readonly from: number; readonly to: number };
}

/** What a dry run asks of lint, given by the command (runtime does not import lint). */
export interface DryRunEstimator {
  /** Each operation of one step as the statements lint reads it as, estimated. */
  estimate(ops: readonly Operation[], transactional: boolean): Promise<StatementEstimate[][]>;
  /** The estimates with their tables' sizes, read in one query. */
  addSizes(estimates: readonly StatementEstimate[], executor: Executor): Promise<StatementEstimate[]>;
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
  readonly estimator?: DryRunEstimator;
  /** A tenant's schema, when a fleet runs the plan there (runtime/home.ts). */
  readonly home?: RevisionHome;
}

export async function dryRunPlan(plan: Plan, context: DryRunContext): Promise<DryRunReport> {
  const { executor, dialect } = context;
  if (!dialect.runtime.transactionalDdl) return listPlan(plan, context);
  const tx = dialect.runtime.transactions;
  const steps: DryRunStep[] = [];
  /** The operations each step ran or listed, by the step's index. */
  const recorded: RecordedOp[][] = [];
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
          const recording = new OpRecorder(sink, () => sink.statements.length);
          try {
            await fn(new Operations(recording, context.dialect.types, context.home));
          } finally {
            steps.push({ revision: step.revision, direction: step.direction, transactional, ran: true, statements: sink.statements });
            recorded[steps.length - 1] = recording.ops;
          }
        } else {
          const sink = new CollectingSink(dialect, false, "listing");
          const recording = new OpRecorder(sink, () => sink.statements.length);
          let listingError: string | undefined;
          await Promise.resolve(fn(new Operations(recording, context.dialect.types, context.home))).catch((e: unknown) => (listingError = firstLine(e)));
          steps.push({
            revision: step.revision,
            direction: step.direction,
            transactional,
            ran: false,
            statements: sink.sql,
            ...(listingError ? { error: `could not list all statements: ${listingError}` } : {}),
          });
          recorded[steps.length - 1] = recording.ops;
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
  const estimated = context.estimator === undefined ? steps : await withEstimates(steps, recorded, context.estimator, executor);
  return error === undefined ? { steps: estimated } : { steps: estimated, error };
}

/** An operation and the range of the step's statements its SQL took. */
interface RecordedOp {
  readonly op: Operation;
  readonly from: number;
  readonly to: number;
}

/** Passes everything on, noting each operation and which statements it produced. */
class OpRecorder implements OperationSink {
  readonly ops: RecordedOp[] = [];

  constructor(
    private readonly inner: OperationSink,
    private readonly statementCount: () => number,
  ) {}

  async run(op: Operation): Promise<void> {
    const from = this.statementCount();
    try {
      await this.inner.run(op);
    } finally {
      this.ops.push({ op, from, to: this.statementCount() });
    }
  }

  query(sql: string, params: readonly unknown[]): Promise<Row[]> {
    return this.inner.query(sql, params);
  }
}

/** Every step's estimates, the sizes of all their tables read at once (after the rollback: as they were before the plan). */
async function withEstimates(
  steps: readonly DryRunStep[],
  recorded: readonly (RecordedOp[] | undefined)[],
  estimator: DryRunEstimator,
  executor: Executor,
): Promise<DryRunStep[]> {
  const perStep: DryRunEstimate[][] = [];
  for (const [index, step] of steps.entries()) {
    const ops = recorded[index] ?? [];
    const estimates = await estimator.estimate(
      ops.map((recordedOp) => recordedOp.op),
      step.transactional,
    );
    perStep.push(estimates.flatMap((ofOp, n) => ofOp.map((estimate) => ({ ...estimate, sql: { from: ops[n]?.from ?? 0, to: ops[n]?.to ?? 0 } }))));
  }
  // a broken connection (the error the report already carries) leaves the estimates without sizes
  const sized = await estimator.addSizes(perStep.flat(), executor).catch(() => perStep.flat());
  let next = 0;
  return steps.map((step, index) => {
    const estimates = (perStep[index] ?? []).map((estimate) => ({ ...estimate, ...sized[next++], sql: estimate.sql }));
    return { ...step, estimates };
  });
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
