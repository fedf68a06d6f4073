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
import { qualified } from "../dialect/postgres/quote";
import type { RevisionGraph } from "../revisions/graph";
import type { Direction } from "../revisions/version-rows";
import { lockKey } from "./lock";
import { type RuntimeTables, existingTables, selectVersionRows } from "./tables";

export interface UnfinishedStep {
  readonly revision: string;
  readonly direction: Direction;
  readonly startedAt: Date;
}

export interface Interruption extends UnfinishedStep {
  /** INVALID indexes in the database (schema.name): what an interrupted CREATE INDEX CONCURRENTLY leaves. */
  readonly invalidIndexes: readonly string[];
  /** The `migrator stamp ...` that records the step as done, when it did its work. */
  readonly stamp: string;
  /** Another session holds the migration lock: the step may still be running. */
  readonly lockHeld: boolean;
}

/** Log rows without a finish that are the newest row of their revision (the log table must exist). */
export async function readUnfinishedSteps(executor: Executor, tables: RuntimeTables): Promise<UnfinishedStep[]> {
  const log = qualified(tables.log);
  const result = await executor.query<{ revision: string; direction: string; started_at: Date | string }>(
    `SELECT l.revision, l.direction, l.started_at FROM ${log} l WHERE l.finished_at IS NULL ` +
      `AND NOT EXISTS (SELECT 1 FROM ${log} m WHERE m.revision = l.revision AND m.id > l.id) ORDER BY l.id`,
  );
  return result.rows.map((row) => ({
    revision: row.revision,
    direction: row.direction === "down" ? "down" : "up",
    startedAt: new Date(row.started_at),
  }));
}

/** Every INVALID index, as schema.name (system schemas aside). */
export async function readInvalidIndexes(executor: Executor): Promise<string[]> {
  const result = await executor.query<{ name: string }>(
    "SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS name FROM pg_index i " +
      "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace " +
      "WHERE NOT i.indisvalid AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' ORDER BY 1",
  );
  return result.rows.map((row) => row.name);
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
export async function readRuntimeState(executor: Executor, tables: RuntimeTables): Promise<RuntimeState> {
  const found = await existingTables(executor, tables);
  const rows = found.version ? await selectVersionRows(executor, tables) : [];
  const unfinished = found.log && !found.oldLog ? await readUnfinishedSteps(executor, tables) : [];
  if (unfinished.length === 0) return { rows, unfinished, invalidIndexes: [], lockHeld: false };
  return { rows, unfinished, invalidIndexes: await readInvalidIndexes(executor), lockHeld: await migrationLockHeld(executor, tables) };
}

/**
 * Whether some session holds the migration lock (see lock.ts): a bigint
 * advisory key shows in pg_locks as classid (high half) and objid (low
 * half), objsubid 1.
 */
async function migrationLockHeld(executor: Executor, tables: RuntimeTables): Promise<boolean> {
  const result = await executor.query<{ held: boolean }>(
    "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1 " +
      "AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) " +
      "AND ((classid::bigint << 32) | objid::bigint) = $1::bigint) AS held",
    [lockKey(tables.version).toString()],
  );
  return result.rows[0]?.held === true;
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
      : "no INVALID index found; its other statements may have run";
  const started = `the ${verb} of revision ${step.revision} (not transactional) started at ${step.startedAt.toISOString()}`;
  if (step.lockHeld) return `${started} and has not finished; a migration holds the lock, so it may still be running: ${left}`;
  return `${started} and did not finish: ${left}`;
}

/** The ways out, as a hint. */
export function interruptionHint(step: Interruption): string {
  return `if it did finish its work, \`${step.stamp}\`; otherwise drop what it left (e.g. an INVALID index) and rerun`;
}
