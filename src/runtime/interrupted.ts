/**
 * Non-transactional steps that started and never finished. Such a step
 * writes its log row (finished_at NULL) and commits it before its first
 * statement; its bookkeeping completes that row with the version change. A
 * run killed in between leaves the row unfinished, the version table one
 * step behind and possibly half-done work (an INVALID index from CREATE
 * INDEX CONCURRENTLY). Without this record the next run would fail on
 * `already exists` with no word of the interruption.
 *
 * A row counts while the version table does not show its step done: an
 * upgrade whose revision is not applied, a downgrade whose revision still
 * is. So `migrator stamp X` and a successful rerun both settle it, without
 * rewriting the log.
 */
import type { Executor } from "../db/types";
import type { Dialect } from "../dialect";
import type { UnfinishedStep } from "../dialect/runtime";
import type { RevisionGraph } from "../revisions/graph";
import { lockKey } from "./lock";
import type { RuntimeTables } from "./tables";

export type { UnfinishedStep };

export interface Interruption extends UnfinishedStep {
  /** INVALID indexes in the database (schema.name): what an interrupted CREATE INDEX CONCURRENTLY leaves. */
  readonly invalidIndexes: readonly string[];
  /** The `migrator stamp ...` that records the step as done, when it did its work. */
  readonly stamp: string;
  /** Another session holds the migration lock: the step may still be running. */
  readonly lockHeld: boolean;
}

/** The unfinished steps the version table does not show done. */
export function pendingInterruptions(
  graph: RevisionGraph,
  current: readonly string[],
  unfinished: readonly UnfinishedStep[],
): UnfinishedStep[] {
  const known = current.filter((id) => graph.has(id));
  const applied = graph.ancestors(known, { inclusive: true });
  return unfinished.filter((step) => {
    if (!graph.has(step.revision)) return true;
    return step.direction === "up" ? !applied.has(step.revision) : applied.has(step.revision);
  });
}

/** The unfinished steps the version table does not show done, described. */
export function interruptionsOf(graph: RevisionGraph, state: RuntimeState): Interruption[] {
  return pendingInterruptions(graph, state.rows, state.unfinished).map((step) => ({
    ...step,
    invalidIndexes: state.invalidIndexes,
    stamp: stampCommand(graph, step),
    lockHeld: state.lockHeld,
  }));
}

/** What the version and log tables say, read in one go. */
export interface RuntimeState {
  /** The version rows, sorted. */
  readonly rows: string[];
  readonly unfinished: readonly UnfinishedStep[];
  /** Read only when there is an unfinished step. */
  readonly invalidIndexes: readonly string[];
  /** Whether another session holds the migration lock (read only when there is an unfinished step). */
  readonly lockHeld: boolean;
}

/** The version rows and unfinished steps; nothing is created (missing tables read as empty). */
export async function readRuntimeState(dialect: Dialect, executor: Executor, tables: RuntimeTables): Promise<RuntimeState> {
  const { runtime } = dialect;
  const found = await runtime.existingTables(executor, tables);
  const rows = found.version ? await runtime.selectVersionRows(executor, tables) : [];
  const unfinished = found.log && !found.oldLog ? await runtime.readUnfinishedSteps(executor, tables) : [];
  if (unfinished.length === 0) return { rows, unfinished, invalidIndexes: [], lockHeld: false };
  return {
    rows,
    unfinished,
    invalidIndexes: await runtime.readInvalidIndexes(executor),
    lockHeld: await runtime.migrationLockHeld(executor, lockKey(tables.version)),
  };
}

/** What records the step as done: the revision itself (up), or what is below it (down). */
function stampCommand(graph: RevisionGraph, step: UnfinishedStep): string {
  if (step.direction === "up" || !graph.has(step.revision)) return `migrator stamp ${step.revision}`;
  const below = graph.predecessors(step.revision, false);
  return `migrator stamp ${below.length === 0 ? "base" : below.join(" ")}`;
}

/** One line: what was interrupted and what may be half-done. */
export function describeInterruption(step: Interruption): string {
  const verb = step.direction === "up" ? "upgrade" : "downgrade";
  const left =
    step.invalidIndexes.length > 0
      ? `INVALID index${step.invalidIndexes.length === 1 ? "" : "es"} found: ${step.invalidIndexes.join(", ")}`
      : step.statementsDone !== undefined
        ? `its first ${step.statementsDone} statement${step.statementsDone === 1 ? "" : "s"} ran and stay; statement ${step.statementsDone + 1}, if any, was running or failed, and those after it did not run`
        : "no INVALID index found; its other statements may have run";
  const started = `the ${verb} of revision ${step.revision} (not transactional) started at ${step.startedAt.toISOString()}`;
  if (step.lockHeld) return `${started} and has not finished; a migration holds the lock, so it may still be running: ${left}`;
  return `${started} and did not finish: ${left}`;
}

/** The ways out, as a hint. */
export function interruptionHint(step: Interruption): string {
  if (step.statementsDone !== undefined && step.invalidIndexes.length === 0) {
    const ran = `${step.statementsDone} statement${step.statementsDone === 1 ? "" : "s"}`;
    return `if it did finish its work, \`${step.stamp}\`; otherwise undo the ${ran} it ran and rerun, or run the rest of it by hand and then \`${step.stamp}\``;
  }
  return `if it did finish its work, \`${step.stamp}\`; otherwise drop what it left (e.g. an INVALID index) and rerun`;
}
