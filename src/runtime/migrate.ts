/**
 * upgrade / downgrade: plan from the current revisions to a target, then run
 * it online, dry-run it, or print it as SQL (`--sql`, no connection; a
 * `FROM:TO` range names the starting point, as in Alembic).
 */
import type { ResolvedConfig } from "../config/types";
import type { Executor } from "../db/types";
import type { Dialect } from "../dialect";
import { DatabaseError, MigratorError, UsageError } from "../errors";
import { revisionHome } from "./home";
import type { RevisionGraph } from "../revisions/graph";
import { loadGraph } from "../revisions/load";
import { type Plan, planDowngrade, planUpgrade } from "../revisions/plan";
import { resolveRevisions } from "../revisions/target";
import type { Direction } from "../revisions/version-rows";
import { type DryRunEstimator, type DryRunStep, dryRunPlan } from "./dry-run";
import { describeRetry, type LockRetry } from "./lock-retry";
import { renderOfflinePlan } from "./offline";
import { planRelativeDowngrade, relativeDownCount } from "./relative-downgrade";
import { type StepResult, runPlan } from "./run";
import { type BackfillListener } from "./backfill";
import { backfillProgressLines, batchLines } from "./progress";
import { withLockedSession } from "./session";
import { type Interruption, describeInterruption, interruptionHint, interruptionsOf } from "./interrupted";
import { type RuntimeTables, runtimeTables } from "./tables";

export interface MigrateOptions {
  /** A target (`head`, `-1`, `LABEL@head`, ...); with `sql`, also `FROM:TO`. */
  readonly target: string;
  /** Offline: return the SQL instead of running it. */
  readonly sql?: boolean;
  /** Run inside a transaction that is rolled back; report what ran. */
  readonly dryRun?: boolean;
  /** Overrides the config's lockTimeout (ms). */
  readonly lockTimeout?: number;
  /**
   * Lock waits, and one line per finished step when the plan has more than a
   * few. Step lines are gathered for up to 100 ms, so one call may carry
   * several lines (separated by newlines, in order).
   */
  readonly notify?: (line: string) => void;
  /**
   * Told of each try of a step that gave up waiting for a lock (its line also
   * goes to notify), and awaited before the pause that follows it.
   */
  readonly onLockRetry?: (retry: LockRetry) => Promise<void> | void;
  /** An open connection to use instead of connecting from the config (programmatic use, tests). */
  readonly executor?: Executor;
  /** With dryRun: what each statement locks, scans or rewrites, and the tables' sizes (upgrade and downgrade give lint's). */
  readonly estimator?: DryRunEstimator;
  /** Called (and awaited) after each committed batch of an op.backfill, besides the progress lines given to `notify`. */
  readonly onBackfill?: BackfillListener;
}

export interface MigrateStep extends StepResult {
  readonly message: string;
}

export type MigrateResult =
  | { readonly mode: "online"; readonly direction: Direction; readonly from: readonly string[]; readonly to: readonly string[]; readonly steps: readonly MigrateStep[] }
  | { readonly mode: "offline"; readonly direction: Direction; readonly from: readonly string[]; readonly to: readonly string[]; readonly sql: string }
  | {
      readonly mode: "dry-run";
      readonly direction: Direction;
      readonly from: readonly string[];
      readonly to: readonly string[];
      readonly steps: readonly DryRunStep[];
      readonly error?: string;
      /** Set when the dry run listed the plan without running it (DDL that cannot be rolled back), saying so. */
      readonly note?: string;
    };

/** Said once per run (stderr) and in a dry run where the dialect's DDL cannot be rolled back. */
export const NO_TRANSACTIONAL_DDL =
  "this database commits each DDL statement at once, so no revision can be rolled back: each runs without a transaction, " +
  "its progress recorded statement by statement, and its version row is written only once it has run whole " +
  "(a failure leaves the statements before it applied; the error and `migrator status` say which)";

/** Plans with more steps than this report each step as it finishes. */
export const PROGRESS_THRESHOLD = 3;

export async function migrate(config: ResolvedConfig, direction: Direction, options: MigrateOptions): Promise<MigrateResult> {
  const verb = direction === "up" ? "upgrade" : "downgrade";
  if (options.sql && options.dryRun) throw new UsageError("--sql and --dry-run do not go together", { hint: "--sql prints without a connection; --dry-run runs and rolls back" });
  const graph = loadGraph(config);
  const plan = (current: readonly string[], target: string): Plan => {
    if (direction === "up") return planUpgrade(graph, current, target);
    const count = relativeDownCount(target);
    return count === undefined ? planDowngrade(graph, current, target) : planRelativeDowngrade(graph, current, count, target);
  };
  const messageOf = (id: string): string => graph.get(id).header.message;

  if (options.sql) {
    const { from, target } = offlineRange(graph, verb, options.target);
    const planned = plan(from, target);
    const sql = await renderOfflinePlan(planned, {
      dialect: config.dialect,
      tables: runtimeTables(config),
      root: config.root,
      transactionMode: config.transactionMode,
      messageOf,
      title: `migrator ${verb} ${options.target} (offline)`,
    });
    return { mode: "offline", direction, from: sorted(planned.rowsBefore), to: sorted(planned.rowsAfter), sql };
  }

  return withLockedSession(
    config,
    { lockTimeout: options.lockTimeout, notify: options.notify, createTables: !options.dryRun, executor: options.executor },
    async ({ executor, dialect, tables, current, versionTableCreated }) => {
      const planned = plan(current, options.target);
      if (options.dryRun) {
        const report = await dryRunPlan(planned, {
          dialect,
          executor,
          tables,
          root: config.root,
          statementTimeout: config.statementTimeout,
          home: revisionHome(config),
          ...(options.estimator === undefined ? {} : { estimator: options.estimator }),
        });
        return { mode: "dry-run", direction, from: sorted(planned.rowsBefore), to: sorted(planned.rowsAfter), ...report };
      }
      const interrupted = await interruptionsBefore(dialect, executor, tables, graph, current);
      for (const step of interrupted) options.notify?.(`warning: ${describeInterruption(step)}`);
      if (!dialect.runtime.transactionalDdl && planned.steps.length > 0) options.notify?.(`note: ${NO_TRANSACTIONAL_DDL}`);
      const progress = planned.steps.length > PROGRESS_THRESHOLD && options.notify ? batchLines(options.notify) : undefined;
      let steps: StepResult[];
      try {
        steps = await runPlan(planned, {
          dialect,
          executor,
          tables,
          root: config.root,
          transactionMode: config.transactionMode,
          statementTimeout: config.statementTimeout,
          ddlLocks: {
            timeoutMs: config.ddlLockTimeout,
            retries: config.ddlLockRetries,
            retryDelayMs: config.ddlLockRetryDelay,
            onRetry: (retry) => {
              options.notify?.(`warning: ${describeRetry(retry)}`);
              return options.onLockRetry?.(retry);
            },
          },
          home: revisionHome(config),
          onStep: progress
            ? (step, index, total) => progress.add(`[${index + 1}/${total}] ${verb} ${step.revision} (${formatMs(step.durationMs)})`)
            : undefined,
          onBackfill: backfillListener(options),
        });
      } catch (error) {
        throw versionTableCreated ? withMissingVersionTable(dialect, error, tables) : withInterruption(error, interrupted);
      } finally {
        // the finished steps are reported before the result or the error
        progress?.flush();
      }
      return {
        mode: "online",
        direction,
        from: sorted(planned.rowsBefore),
        to: sorted(planned.rowsAfter),
        steps: steps.map((s) => ({ ...s, message: messageOf(s.revision) })),
      };
    },
  );
}

/** Progress lines to `notify` (a few a second at most) and the caller's own listener. */
function backfillListener(options: MigrateOptions): BackfillListener | undefined {
  const lines = options.notify === undefined ? undefined : backfillProgressLines(options.notify);
  if (lines === undefined && options.onBackfill === undefined) return undefined;
  return async (progress) => {
    lines?.(progress);
    await options.onBackfill?.(progress);
  };
}

/** Unfinished non-transactional steps left by an earlier run (the log table exists: the session created it). */
async function interruptionsBefore(
  dialect: Dialect,
  executor: Executor,
  tables: RuntimeTables,
  graph: RevisionGraph,
  current: readonly string[],
): Promise<Interruption[]> {
  const unfinished = await dialect.runtime.readUnfinishedSteps(executor, tables);
  if (unfinished.length === 0) return [];
  // this session holds the migration lock: nobody else is running the step
  return interruptionsOf(graph, { rows: [...current], unfinished, invalidIndexes: await dialect.runtime.readInvalidIndexes(executor), lockHeld: false });
}

/**
 * A run that fails after an interrupted one usually fails because of it
 * (`relation ... already exists`): the error says so, and the hint gives the
 * ways out instead of the rerun's own.
 */
function withInterruption(error: unknown, interrupted: readonly Interruption[]): unknown {
  const first = interrupted[0];
  if (first === undefined || !(error instanceof MigratorError)) return error;
  const message = `${error.message} (after an interrupted run: ${describeInterruption(first)})`;
  return new DatabaseError(message, { hint: interruptionHint(first), exitCode: error.exitCode, cause: error });
}

/**
 * A run that found no version table starts with the first revision; when it
 * then meets objects that already exist, the schema is most likely at some
 * revision never recorded there (built by another tool, the table dropped,
 * or another version table named in the config): say so rather than leave
 * the database's word alone. Worded for a database migrator has never run
 * on, as a fleet's new target usually is.
 */
function withMissingVersionTable(dialect: Dialect, error: unknown, tables: RuntimeTables): unknown {
  if (!(error instanceof MigratorError) || !dialect.runtime.alreadyExists(error.cause)) return error;
  return new DatabaseError(`${error.message} (there was no version table ${dialect.quote.qualified(tables.version)} yet: the schema may already be at a revision never recorded there)`, {
    hint: "if the schema is already at a revision, record it with `migrator stamp REVISION` (see `migrator history`), then upgrade again",
    exitCode: error.exitCode,
    cause: error,
  });
}

/** `FROM:TO` for --sql (downgrade requires it); without one, an upgrade starts from base. */
function offlineRange(graph: RevisionGraph, verb: string, text: string): { from: string[]; target: string } {
  const colon = text.indexOf(":");
  if (colon < 0) {
    if (verb === "downgrade") {
      throw new UsageError(`downgrade --sql needs a range FROM:TO, as there is no database to read the current revision from`, {
        hint: `e.g. migrator downgrade head:${text} --sql`,
      });
    }
    return { from: [], target: text };
  }
  const fromText = text.slice(0, colon).trim();
  const target = text.slice(colon + 1).trim();
  if (target === "") throw new UsageError(`${verb} ${text}: the range has no end`, { hint: "FROM:TO, e.g. base:head" });
  return { from: fromText === "" ? [] : resolveRevisions(graph, fromText), target };
}

function sorted(ids: readonly string[]): string[] {
  return [...ids].sort();
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}
