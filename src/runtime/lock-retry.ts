/**
 * Lock timeouts of revision steps, and the retry when a statement gives up
 * waiting for its lock. A DDL statement that queues behind one long query
 * makes every later query on the table queue behind it; under a
 * lock_timeout it gives up instead, the step is rolled back (nothing of it
 * stays), and after a jittered, doubling pause it is tried again, a bounded
 * number of times. Each failed try says who held the lock. The procedure is
 * here; the SQL (setting the timeout, reading pg_locks) is the dialect's.
 */
import type { Executor } from "../db/types";
import type { Dialect } from "../dialect";
import type { LockHolder, WantedLock } from "../dialect/runtime";
import { DatabaseError } from "../errors";
import { displayTable } from "../model/names";
import type { QualifiedName } from "../model/types";
import type { PlanStep } from "../revisions/plan";
import { shorten } from "./failure";
import type { RevisionModule } from "./revision-module";

export type { LockHolder };

/** The longest pause between two tries, whatever the doubling reaches. */
export const MAX_RETRY_DELAY_MS = 30_000;

export interface DdlLockPolicy {
  /** The project's lock_timeout for steps (ms), null for none; a revision's own beats it. */
  readonly timeoutMs: number | null;
  /** Tries after the first. */
  readonly retries: number;
  /** The first pause (ms); doubled after each try, jittered, at most MAX_RETRY_DELAY_MS. */
  readonly retryDelayMs: number;
  /** Told of each failed try before its pause (and awaited: a caller may act on the holder first). */
  readonly onRetry?: (retry: LockRetry) => Promise<void> | void;
  /** [0, 1) for the jitter; Math.random by default. */
  readonly random?: () => number;
}

/** One try that gave up waiting for a lock, with another to come. */
export interface LockRetry {
  readonly revision: string;
  readonly direction: "up" | "down";
  /** The try that failed (1 for the first). */
  readonly attempt: number;
  /** Tries in all (1 + retries). */
  readonly attempts: number;
  readonly lockTimeoutMs: number;
  /** The pause before the next try (ms). */
  readonly delayMs: number;
  readonly statement: string;
  /** The tables the statement asked to lock (as far as they can be read from it). */
  readonly tables: readonly QualifiedName[];
  readonly holders: readonly LockHolder[];
}

/** The lock_timeout a step runs under: the revision's own, else the project's. */
export function stepLockTimeout(module: Pick<RevisionModule, "ddlLockTimeout">, policy: DdlLockPolicy | undefined): number | null {
  if (module.ddlLockTimeout !== undefined) return module.ddlLockTimeout;
  return policy?.timeoutMs ?? null;
}

/** The pause after failed try `attempt` (1-based): base·2^(attempt-1), capped, then a random point in its upper half. */
export function retryDelay(policy: Pick<DdlLockPolicy, "retryDelayMs" | "random">, attempt: number): number {
  const full = Math.min(MAX_RETRY_DELAY_MS, policy.retryDelayMs * 2 ** Math.max(0, attempt - 1));
  const random = policy.random ?? Math.random;
  return Math.round(full / 2 + (full / 2) * random());
}

export function pause(ms: number): Promise<void> {
  return ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms));
}

/** What blocked `statement`: the tables it locks (read by the dialect's lint) and who holds them. */
export async function whoBlocked(dialect: Dialect, executor: Executor, statement: string): Promise<{ tables: QualifiedName[]; holders: LockHolder[] }> {
  const wanted = await wantedLocks(dialect, statement);
  let holders: LockHolder[] = [];
  try {
    holders = await dialect.runtime.lockHolders(executor, wanted);
  } catch {
    // naming the holder is a courtesy: a failure to ask must not hide the lock timeout itself
  }
  const tables: QualifiedName[] = [];
  for (const { table } of wanted) if (!tables.some((t) => t.schema === table.schema && t.name === table.name)) tables.push(table);
  return { tables, holders };
}

async function wantedLocks(dialect: Dialect, statement: string): Promise<WantedLock[]> {
  try {
    const statements = await dialect.lint.sql(statement, { line: 1 });
    return statements.flatMap((read) => read.actions.flatMap((action) => (action.kind === "lock" ? [{ table: action.lock.table, mode: action.lock.mode }] : [])));
  } catch {
    return [];
  }
}

/** `pid 4242 (application "psql", idle in transaction since 12:00:01.123Z, query started 12:00:01.456Z: SELECT ...) holding AccessShareLock on account`. */
export function describeHolder(holder: LockHolder): string {
  const facts: string[] = [];
  facts.push(holder.application === "" ? "no application name" : `application ${JSON.stringify(holder.application)}`);
  if (holder.state !== null) facts.push(holder.state);
  if (holder.queryStart !== null) facts.push(`query started ${holder.queryStart.toISOString()}`);
  const query = holder.query === "" ? "" : `: ${shorten(holder.query, 80)}`;
  const what = `pid ${holder.pid} (${facts.join(", ")}${query})`;
  if (holder.table === null) {
    return `${what}, open since ${holder.transactionStart?.toISOString() ?? "?"}`;
  }
  return `${what} ${holder.granted ? "holding" : "queued for"} ${holder.mode ?? "a lock"} on ${displayTable(holder.table)}`;
}

export function describeHolders(holders: readonly LockHolder[], tables: readonly QualifiedName[]): string {
  if (holders.length === 0) return "no session holding it was found any more (it may have finished)";
  const oldOnly = holders.every((holder) => holder.table === null);
  const list = holders.map(describeHolder).join("; ");
  if (!oldOnly) return `held by ${list}`;
  const on = tables.length === 0 ? "" : ` on ${tables.map(displayTable).join(", ")}`;
  return `no lock${on} held by another session was found; the oldest open transactions: ${list}`;
}

/** The stderr line of a failed try. */
export function describeRetry(retry: LockRetry): string {
  const verb = retry.direction === "up" ? "upgrade" : "downgrade";
  const on = retry.tables.length === 0 ? "its lock" : `a lock on ${retry.tables.map(displayTable).join(", ")}`;
  return (
    `lock timeout: the ${verb} of revision ${retry.revision} waited ${retry.lockTimeoutMs} ms for ${on} (${shorten(retry.statement, 80)}), ` +
    `${describeHolders(retry.holders, retry.tables)}; rolled back, try ${retry.attempt + 1} of ${retry.attempts} in ${retry.delayMs} ms`
  );
}

/** After the last try: the user's error, naming the table and who held it. */
export class LockTimeoutError extends DatabaseError {
  constructor(
    message: string,
    options: { hint: string; cause: unknown },
    readonly revision: string,
    readonly tables: readonly QualifiedName[],
    readonly holders: readonly LockHolder[],
  ) {
    super(message, options);
  }
}

export interface LockFailure {
  readonly step: PlanStep;
  readonly file: string;
  readonly statement: string;
  readonly lockTimeoutMs: number;
  readonly attempts: number;
  readonly tables: readonly QualifiedName[];
  readonly holders: readonly LockHolder[];
  /** What is left behind: "nothing" for a transactional step, else the non-transactional step's aftermath. */
  readonly aftermath?: string;
  readonly cause: unknown;
}

export function lockTimeoutError(failure: LockFailure): LockTimeoutError {
  const { step } = failure;
  const verb = step.direction === "up" ? "upgrade" : "downgrade";
  const on = failure.tables.length === 0 ? "a lock" : `a lock on ${failure.tables.map(displayTable).join(", ")}`;
  const tries = failure.attempts === 1 ? "once" : `${failure.attempts} times`;
  const message =
    `${verb} of revision ${step.revision} (${failure.file}) failed: it waited for ${on} for ${failure.lockTimeoutMs} ms, ${tries}, ` +
    `${describeHolders(failure.holders, failure.tables)}: statement: ${shorten(failure.statement)}`;
  const kept = failure.aftermath ?? "nothing of this revision was kept; the revisions before it stay applied";
  const hint = `${kept}; run it again when the table is quieter, or end the session that holds it; ddlLockTimeout and ddlLockRetries set how long and how often it tries`;
  return new LockTimeoutError(message, { hint, cause: failure.cause }, step.revision, failure.tables, failure.holders);
}
