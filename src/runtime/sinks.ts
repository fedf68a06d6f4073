/**
 * The sinks a revision's `op` calls end in: one that executes each
 * operation's SQL on the open session, one that only collects statements
 * (offline output, dry-run listing of non-transactional steps).
 */
import type { Executor, Row } from "../db/types";
import type { Dialect } from "../dialect";
import type { DialectSql } from "../dialect/sql";
import type { Statement } from "../dialect/statement";
import { MigratorError } from "../errors";
import { offlineQueryError, type OperationSink } from "../ops/sink";
import type { Operation } from "../ops/types";
import { describeOperation } from "../ops/describe";
import { type BackfillRunner, backfillInTransaction } from "./backfill";
import { sendBatch } from "./batch";
import { shorten } from "./failure";
import { StatementFailure } from "./statement-failure";

export { StatementFailure };

/**
 * Most statements a batching sink holds back: each gap between two is a
 * savepoint (a subtransaction), and a transaction with more than 64 of them
 * slows other sessions' snapshots. A longer step sends the rest one by one.
 */
const MAX_BATCH = 32;

/**
 * Asked when a statement outside a transaction fails: true to run it again
 * (after its pause), false to let the failure stand. `attempt` counts the
 * failed tries of this statement, from 1.
 */
export type RetryDecision = (failure: StatementFailure, attempt: number) => Promise<boolean>;

export class ExecutingSink implements OperationSink {
  /** Every statement run, in order (dry run reports them). */
  readonly statements: string[] = [];
  /** Statements held back to go in one message (batching only). */
  private pending: string[] = [];

  constructor(
    private readonly dialect: Dialect,
    private readonly executor: Executor,
    /** Whether a transaction is open: a statement the database refuses inside one is caught early. */
    private readonly inTransaction: boolean,
    private readonly keep = false,
    /**
     * Hold statements without parameters back until flush() (or a statement
     * that needs its own round trip): one message for the whole step. Only
     * inside a transaction, so a failure leaves nothing of the step.
     */
    private batching = false,
    /** Outside a transaction: whether a failed statement is run again (lock timeouts, see run.ts). */
    private readonly retry?: RetryDecision,
    /** Runs op.backfill (non-transactional steps of an online run). */
    private readonly backfills?: BackfillRunner,
    /** Called after each statement that ran (not held back), before the next is sent. */
    private readonly onStatement?: (sql: string) => Promise<void>,
  ) {}

  /** Sends what is held back, then `tail`, in one message (see sendBatch). */
  async flush(tail?: string): Promise<void> {
    const held = this.pending;
    this.pending = [];
    if (held.length === 0 && tail === undefined) return;
    if (this.inTransaction) return sendBatch(this.dialect, this.executor, held, tail);
    try {
      if (tail !== undefined) await this.executor.exec(tail);
    } catch (error) {
      throw new StatementFailure(tail ?? "", error, "record");
    }
  }

  async run(op: Operation): Promise<void> {
    if (op.kind === "execute" && this.inTransaction) refuseTransactionControl(this.dialect.sql, op.sql);
    if (op.kind === "backfill") {
      if (this.inTransaction) throw backfillInTransaction(op);
      if (this.backfills === undefined) throw new MigratorError(`op.backfill of ${op.table.schema}.${op.table.name} can only run in an upgrade or downgrade`);
      await this.flush();
      await this.backfills.run(op);
      return;
    }
    for (const stmt of this.dialect.sql.toSql(op)) await this.execute(stmt);
  }

  async query(sql: string, params: readonly unknown[]): Promise<Row[]> {
    if (this.inTransaction) refuseTransactionControl(this.dialect.sql, sql);
    await this.flush();
    if (this.keep) this.statements.push(sql);
    const rows = await this.retrying(sql, async () => (await this.executor.query(sql, params)).rows);
    await this.onStatement?.(sql);
    return rows;
  }

  private async execute(stmt: Statement): Promise<void> {
    if (this.inTransaction && stmt.transactional === false) {
      throw new MigratorError(`${shorten(stmt.sql, 80)} cannot run inside a transaction`, {
        hint: "add `export const transactional = false` to the revision file",
      });
    }
    if (this.keep) this.statements.push(this.dialect.sql.toOfflineSql(stmt));
    if (this.batching && stmt.params === undefined) {
      if (this.pending.length < MAX_BATCH) {
        this.pending.push(stmt.sql);
        return;
      }
      this.batching = false;
    }
    await this.flush();
    await this.retrying(stmt.sql, async () => {
      // no parameters: the simple protocol, so an op.execute() with several statements works on both backends
      if (stmt.params === undefined) await this.executor.exec(stmt.sql);
      else await this.executor.query(stmt.sql, stmt.params);
    });
    await this.onStatement?.(stmt.sql);
  }

  /** `run()`, failures as StatementFailure; outside a transaction, run again while `retry` says so. */
  private async retrying<T>(sql: string, run: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await run();
      } catch (error) {
        const failure = new StatementFailure(sql, error);
        if (this.inTransaction || this.retry === undefined || !(await this.retry(failure, attempt))) throw failure;
      }
    }
  }
}

/**
 * A revision's own SQL must not end or split the transaction migrator holds
 * around it: what ran before a COMMIT would stay when a later statement
 * fails, while the report says nothing of the revision was kept.
 */
function refuseTransactionControl(dialect: DialectSql, sql: string): void {
  const control = dialect.findTransactionControl(sql);
  if (control === undefined) return;
  throw new MigratorError(`${shorten(sql, 80)} runs ${control} inside the revision's transaction, which would break its atomicity`, {
    hint: "add `export const transactional = false` to the revision file to manage transactions yourself",
  });
}

/** Collects each operation's SQL with parameters written as literals. */
export class CollectingSink implements OperationSink {
  readonly statements: Statement[] = [];

  /**
   * `inTransaction`: the statements will run inside the revision's transaction (offline script of a transactional revision).
   * `purpose`: a "script" to run (--sql), or a "listing" for people (dry run), where what has no SQL form is described in a comment.
   */
  constructor(
    private readonly dialect: Dialect,
    private readonly inTransaction = false,
    private readonly purpose: "script" | "listing" = "script",
  ) {}

  async run(op: Operation): Promise<void> {
    if (op.kind === "execute" && this.inTransaction) refuseTransactionControl(this.dialect.sql, op.sql);
    if (op.kind === "backfill") {
      if (this.inTransaction) throw backfillInTransaction(op);
      if (this.purpose === "listing") {
        this.statements.push({ sql: `-- ${describeOperation(op).replace(/\s+/g, " ")}, each batch committed on its own` });
        return;
      }
    }
    this.statements.push(...this.dialect.sql.toSql(op));
  }

  async query(sql: string): Promise<Row[]> {
    throw offlineQueryError(sql);
  }

  get sql(): string[] {
    return this.statements.map((stmt) => this.dialect.sql.toOfflineSql(stmt));
  }
}
