/**
 * What running revisions asks of one database: connections and what its
 * errors mean, the version and log tables, a step's bookkeeping, the
 * transaction statements, batching, and the guard of an offline script.
 * src/runtime holds the procedure (plans, steps, transactions, progress)
 * and asks these for every statement, so a second database is one object.
 * The types here are the runtime's neutral words; each dialect reads and
 * writes them in its own SQL.
 */
import type { DatabaseConfig, Executor } from "../db/types";
import type { QualifiedName } from "../model/types";
import type { BackfillOp } from "../ops/types";
import type { Statement } from "./statement";

export type Direction = "up" | "down";

/** One change of the version table (one row per current head); revisions/version-rows works them out. */
export type VersionRowChange =
  | { readonly kind: "insert"; readonly revision: string }
  | { readonly kind: "delete"; readonly revision: string }
  | { readonly kind: "update"; readonly from: string; readonly to: string };

/** Where migrator keeps its version table and its log table. */
export interface RuntimeTables {
  readonly version: QualifiedName;
  readonly log: QualifiedName;
}

export interface ExistingTables {
  readonly version: boolean;
  readonly log: boolean;
  /** The log table is of the first shape (finished_at NOT NULL): no unfinished rows can be written or read. */
  readonly oldLog: boolean;
}

/** The newest log row of a revision. */
export interface LogRow {
  readonly revision: string;
  readonly direction: Direction;
  readonly startedAt: Date;
  readonly checksum: string | null;
}

/** One row of the log table as `migrator log` shows it. */
export interface LoggedStep {
  readonly revision: string;
  readonly direction: Direction;
  readonly startedAt: Date;
  /** null for a non-transactional step that started and did not finish (or is running). */
  readonly finishedAt: Date | null;
  readonly durationMs: number | null;
  readonly user: string;
  readonly host: string | null;
  readonly application: string | null;
  readonly migratorVersion: string | null;
}

/** A log row written without running the step: `validate --accept` recording a file's new checksum. */
export interface AcceptedChecksum {
  readonly revision: string;
  readonly checksum: string;
  readonly host: string;
  readonly application: string;
  readonly migratorVersion: string;
}

/** A non-transactional step whose log row has no finish (see src/runtime/interrupted.ts). */
export interface UnfinishedStep {
  readonly revision: string;
  readonly direction: Direction;
  readonly startedAt: Date;
  /** How many of its statements finished, where the dialect counts them (stepProgressSql). */
  readonly statementsDone?: number;
}

/** What a step's log row records. */
export interface StepRecord {
  readonly revision: string;
  readonly direction: Direction;
  /** When the step started, by the client's clock. */
  readonly startedAt: Date;
  /**
   * Time the step took before its bookkeeping was sent (ms). The database adds
   * the time since the message holding the bookkeeping arrived, which covers
   * the step's own statements when they travel in the same message.
   */
  readonly clientMs: number;
  readonly checksum: string | null;
  /** The id of the log row written when the step started (non-transactional steps): that row is completed instead of a new one. */
  readonly startedRow?: string;
}

/** Which piece of a batch failed: its index, or "ended" when no transaction is left (its COMMIT failed). */
export interface BatchFailure {
  readonly at: number | "ended";
  readonly error: unknown;
}

/** A table lock a statement asks for (lint's reading of it): the table and the mode, in the database's words. */
export interface WantedLock {
  readonly table: QualifiedName;
  readonly mode: string;
}

/** A session in the way of a statement that gave up waiting for its lock. */
export interface LockHolder {
  readonly pid: number;
  /** Its application_name ("" when it set none). */
  readonly application: string;
  /** `idle in transaction`, `active`...; null when the database does not say. */
  readonly state: string | null;
  readonly queryStart: Date | null;
  readonly transactionStart: Date | null;
  /** The first line of its current (or last) query. */
  readonly query: string;
  /** The table it holds (or waits for) a conflicting lock on; null when it is named as an old open transaction. */
  readonly table: QualifiedName | null;
  /** The mode of that lock, in the database's words. */
  readonly mode: string | null;
  /** It holds the lock (false: it waits for it, ahead in the queue). */
  readonly granted: boolean;
}

/** A refused privilege in words. */
export interface PrivilegeDescription {
  /** `permission denied: role "reader" may not create tables in schema "public"`. */
  readonly message: string;
  /** The grant that would allow it, or running as the owner. */
  readonly hint: string;
}

/**
 * The statements around steps. Several may travel in one message (`chain`),
 * which is how a step's bookkeeping, COMMIT and the next BEGIN cost one round trip.
 */
export interface TransactionSql {
  /** Opens a transaction, with a statement timeout (ms) for its statements when one is set. */
  begin(statementTimeoutMs: number | null): string;
  readonly commit: string;
  readonly rollback: string;
  /**
   * The lock_timeout (ms) of the open transaction's statements from here on;
   * null: back to the session's own (PostgreSQL: SET LOCAL lock_timeout).
   */
  localLockTimeout(ms: number | null): string;
  /** A lock_timeout for the session, for a step outside a transaction; reset afterwards. */
  sessionLockTimeout(ms: number): string;
  readonly resetSessionLockTimeout: string;
  /** A mark inside the transaction a step can be rolled back to, and back to it (transactionMode all: a retried step). */
  readonly stepSavepoint: string;
  readonly rollbackToStepSavepoint: string;
  readonly releaseStepSavepoint: string;
  /** A statement timeout for the session, for statements outside a transaction. */
  sessionTimeout(ms: number): string;
  readonly resetSessionTimeout: string;
  /** Commits stop (true) or start again (false) waiting for the disk: see src/runtime/run.ts. */
  relaxedCommits(on: boolean): string;
  /** Statements as one message, empty ones left out. */
  chain(...statements: readonly string[]): string;
}

/** The table keeping each backfill's progress, and the log table whose step rows say whether that progress is of a finished run. */
export interface BackfillTables {
  readonly state: QualifiedName;
  readonly log: QualifiedName;
}

/** One backfill of one step: `fingerprint` tells apart the backfills of a revision (and one whose definition was edited). */
export interface BackfillId {
  readonly revision: string;
  readonly direction: Direction;
  readonly fingerprint: string;
  /** The table, for people reading the backfill table. */
  readonly table: QualifiedName;
}

/** A key column the backfill walks, with the type its last value is read back as. */
export interface BackfillKeyColumn {
  readonly name: string;
  readonly type: string;
}

/** Where a backfill stands. */
export interface BackfillState {
  /** The last key done, each column as text; null before the first batch. */
  readonly lastKey: readonly string[] | null;
  readonly rowsDone: number;
  readonly batches: number;
  readonly finished: boolean;
  /** Written by a step run that completed: the progress of an earlier application, not of an interrupted one. */
  readonly stale: boolean;
}

/** What one batch did: rows it took (fewer than the batch size: the walk is over), rows updated, and the last key. */
export interface BackfillBatchResult {
  readonly selected: number;
  readonly updated: number;
  readonly lastKey: readonly string[] | null;
}

/**
 * The SQL of op.backfill (src/runtime/backfill.ts runs the loop): every batch
 * is one statement, so one transaction, that updates its rows and records
 * the last key done together: a batch is either applied and recorded or neither.
 */
export interface BackfillSql {
  /** Creates the backfill table when missing. */
  ensureStateTable(executor: Executor, tables: BackfillTables): Promise<void>;
  /** `key` checked (columns that exist, are NOT NULL and unique together), or the table's primary key; a user error when there is none. */
  keyColumns(executor: Executor, table: QualifiedName, key: readonly string[] | undefined): Promise<BackfillKeyColumn[]>;
  /** `currentLogId`: the log row of the run asking, which does not make the progress stale. */
  readState(executor: Executor, tables: BackfillTables, id: BackfillId, currentLogId: string): Promise<BackfillState | undefined>;
  forgetState(executor: Executor, tables: BackfillTables, id: BackfillId): Promise<void>;
  /** Counts the rows after `after` (all when null) that match the op's condition. */
  countStatement(op: BackfillOp, key: readonly BackfillKeyColumn[], after: readonly string[] | null): Statement;
  /** The next batch after `after`: its UPDATE and the backfill table's row, in one statement; read its row with readBatch. */
  batchStatement(op: BackfillOp, key: readonly BackfillKeyColumn[], after: readonly string[] | null, tables: BackfillTables, id: BackfillId, logId: string): Statement;
  readBatch(row: Record<string, unknown> | undefined): BackfillBatchResult;
  markFinished(executor: Executor, tables: BackfillTables, id: BackfillId, logId: string): Promise<void>;
}

export interface DialectRuntime {
  /**
   * Whether DDL can be rolled back. When false (MySQL: each DDL statement
   * commits at once), the runner runs every step as a non-transactional
   * one: its start recorded before, its statements counted as they finish,
   * its version row written only once it has run whole; a dry run lists
   * the statements instead of running them.
   */
  readonly transactionalDdl: boolean;

  // connections
  /** Opens the database a config names. */
  connect(database: DatabaseConfig, root: string): Promise<Executor>;
  /** `fn` with a connection that is always closed afterwards; a refused privilege comes out as a user error. */
  withConnection<T>(database: DatabaseConfig, root: string, fn: (executor: Executor) => Promise<T>): Promise<T>;
  /** `database: postgres://app@db:5432/prod`, said once before a command uses it; null when it cannot be named. */
  describeDatabase(database: DatabaseConfig, root: string, cwd: string): string | null;
  /** A fleet's tenant session: unqualified names resolve to `schema` first (null: back to the default). */
  useSchema(executor: Executor, schema: string | null): Promise<void>;
  /** The server's version as its SQL part's `forServer` reads it; absent where the SQL does not differ by version. */
  serverVersion?(executor: Executor): Promise<string>;

  // what errors mean
  /** The database's error code of a failure (SQLSTATE), when it has one. */
  errorCode(error: unknown): string | undefined;
  /** The failure says an object already exists. */
  alreadyExists(error: unknown): boolean;
  isPrivilegeFailure(error: unknown): boolean;
  /** `statement`: the one refused, when the caller knows it better than the connection. */
  describePrivilegeFailure(error: unknown, statement?: string): PrivilegeDescription;
  /** A raw refusal as a user error; anything else as it is. */
  asPrivilegeError(error: unknown): unknown;
  withPrivilegeErrors<T>(fn: () => Promise<T>): Promise<T>;
  /** Asks who was refused once a failed transaction has been rolled back. */
  completePrivilegeNote(error: unknown, executor: Pick<Executor, "query">): Promise<void>;

  // the version and log tables
  /** DDL that creates whatever is missing; safe to run again. */
  createTablesSql(tables: RuntimeTables): string[];
  /** A log table of the first shape brought to today's (its rows stay); "" where the log table never had another shape. */
  relaxLogSql(tables: RuntimeTables): string;
  existingTables(executor: Executor, tables: RuntimeTables): Promise<ExistingTables>;
  /** The version rows of a table known to exist, sorted. */
  selectVersionRows(executor: Executor, tables: RuntimeTables): Promise<string[]>;
  /** Version-row changes as statements with parameters (stamp, dry run, offline output). */
  versionChangeStatements(tables: RuntimeTables, changes: readonly VersionRowChange[]): Statement[];
  /** Empties the version table (stamp --purge). */
  purgeVersionSql(tables: RuntimeTables): string;
  /** The newest log row of each revision (the log table must exist). */
  readLatestLog(executor: Executor, tables: RuntimeTables): Promise<LogRow[]>;
  /** The log, newest first; `limit` null for all (the log table must exist). */
  readLog(executor: Executor, tables: RuntimeTables, limit: number | null): Promise<LoggedStep[]>;
  acceptChecksumStatement(tables: RuntimeTables, accepted: AcceptedChecksum): Statement;

  // a step's bookkeeping
  /** The unfinished log row of a non-transactional step, written before it runs; the query returns its `id`. */
  startStepSql(tables: RuntimeTables, entry: Omit<StepRecord, "clientMs" | "startedRow">): string;
  /** After each statement of a non-transactional step: how many have finished, in its log row; absent where the dialect does not count them. */
  stepProgressSql?(tables: RuntimeTables, startedRow: string, done: number): string;
  /** The step's version-row changes and log row as one statement without parameters, failing unless every change touched one row. */
  recordStepSql(tables: RuntimeTables, changes: readonly VersionRowChange[], entry: StepRecord): string;
  /** The changes that touched no row, when `error` is recordStepSql's check failing; otherwise undefined. */
  versionCheckFailure(error: unknown, changes: readonly VersionRowChange[]): VersionRowChange[] | undefined;
  /** An offline script's log row of a step (times taken by the database when the script runs). */
  offlineLogStatement(tables: RuntimeTables, revision: string, direction: Direction, checksum: string | null): Statement;
  /** An offline script's unfinished log row before a non-transactional step, and the statement finishing it after. */
  offlineStartStatement(tables: RuntimeTables, revision: string, direction: Direction, checksum: string | null): Statement;
  offlineFinishStatement(tables: RuntimeTables, revision: string, direction: Direction): Statement;
  /** A statement that stops an offline script unless the version rows it knows of are exactly `expected`. */
  offlineGuardSql(tables: RuntimeTables, step: { revision: string; direction: Direction }, expected: readonly string[], known: readonly string[]): string;

  // interrupted steps
  /** Log rows without a finish that are the newest row of their revision (the log table must exist). */
  readUnfinishedSteps(executor: Executor, tables: RuntimeTables): Promise<UnfinishedStep[]>;
  /** What an interrupted non-transactional index build leaves behind (schema.name). */
  readInvalidIndexes(executor: Executor): Promise<string[]>;
  /** Whether some session holds the migration lock of `key`. */
  migrationLockHeld(executor: Executor, key: bigint): Promise<boolean>;

  // lock timeouts of revision steps
  /** The statement gave up waiting for a lock (the lock timeout the runner set): the step may be tried again. */
  isLockTimeout(error: unknown): boolean;
  /**
   * Asked right after such a failure: the sessions holding (or queued ahead
   * for) locks on these tables that conflict with the wanted modes; with
   * none, the oldest open transactions (they hold back what waits for them).
   */
  lockHolders(executor: Executor, wanted: readonly WantedLock[]): Promise<LockHolder[]>;

  // transactions and batching
  readonly transactions: TransactionSql;
  /**
   * Several statements in one message inside a transaction, so that a
   * failure can still be pinned on one of them; undefined when all ran.
   */
  sendBatch(executor: Executor, pieces: readonly string[]): Promise<BatchFailure | undefined>;

  /** op.backfill's SQL; absent where it is not built yet (op.backfill then says so). */
  readonly backfill?: BackfillSql;
}
