/**
 * The sinks a revision's `op` calls end in: one that executes each
 * operation's SQL on the open session, one that only collects statements
 * (offline output, dry-run listing of non-transactional steps).
 */
import type { Executor, Row } from "../db/types";
import { toOfflineSql, toSql, type Statement } from "../dialect/postgres";
import { MigratorError } from "../errors";
import { offlineQueryError, type OperationSink } from "../ops/sink";
import type { Operation } from "../ops/types";
import { shorten } from "./failure";

/** Raised on a statement failure so the runner knows which statement it was. */
export class StatementFailure extends Error {
  constructor(
    readonly statement: string,
    readonly original: unknown,
  ) {
    super(original instanceof Error ? original.message : String(original));
  }
}

export class ExecutingSink implements OperationSink {
  /** Every statement run, in order (dry run reports them). */
  readonly statements: string[] = [];

  constructor(
    private readonly executor: Executor,
    /** Whether a transaction is open: a statement PostgreSQL refuses inside one is caught early. */
    private readonly inTransaction: boolean,
    private readonly keep = false,
  ) {}

  async run(op: Operation): Promise<void> {
    for (const stmt of toSql(op)) await this.execute(stmt);
  }

  async query(sql: string, params: readonly unknown[]): Promise<Row[]> {
    if (this.keep) this.statements.push(sql);
    try {
      return (await this.executor.query(sql, params)).rows;
    } catch (error) {
      throw new StatementFailure(sql, error);
    }
  }

  private async execute(stmt: Statement): Promise<void> {
    if (this.inTransaction && stmt.transactional === false) {
      throw new MigratorError(`${shorten(stmt.sql, 80)} cannot run inside a transaction`, {
        hint: "add `export const transactional = false` to the revision file",
      });
    }
    if (this.keep) this.statements.push(toOfflineSql(stmt));
    try {
      // no parameters: the simple protocol, so an op.execute() with several statements works on both backends
      if (stmt.params === undefined) await this.executor.exec(stmt.sql);
      else await this.executor.query(stmt.sql, stmt.params);
    } catch (error) {
      throw new StatementFailure(stmt.sql, error);
    }
  }
}

/** Collects each operation's SQL with parameters written as literals. */
export class CollectingSink implements OperationSink {
  readonly statements: Statement[] = [];

  async run(op: Operation): Promise<void> {
    this.statements.push(...toSql(op));
  }

  async query(sql: string): Promise<Row[]> {
    throw offlineQueryError(sql);
  }

  get sql(): string[] {
    return this.statements.map(toOfflineSql);
  }
}
