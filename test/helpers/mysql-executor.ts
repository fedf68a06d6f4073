/**
 * A migrator Executor over a test's raw mysql2 connection, counting the
 * statements sent: a stand-in until the MySQL runtime's own executor lands
 * (`?` placeholders, as that one takes them; several statements in one text
 * through `resultSets`, as that one takes them). Advisory locks are not
 * needed by catalog reads and are refused. `{ resultSets: false }` leaves
 * that out, for the catalog's one-by-one path.
 */
import type { Connection } from "mysql2/promise";
import type { Executor, QueryResult, Row } from "../../src/db/types";
import { asResultSets, type ResultSets } from "../../src/dialect/mysql/connection/executor";

export interface CountingExecutor extends Executor, Partial<ResultSets> {
  /** Statements sent through query() and exec() so far. */
  readonly sent: () => number;
  /** Their text, in order (an exec's batch as one). */
  readonly log: () => readonly string[];
}

export function mysqlTestExecutor(connection: Connection, description = "mariadb test connection", options: { resultSets?: boolean } = {}): CountingExecutor {
  let sent = 0;
  const log: string[] = [];
  const executor: CountingExecutor = {
    backend: "server",
    description,
    sent: () => sent,
    log: () => log,
    async query<T extends Row = Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
      sent += 1;
      log.push(sql);
      const [result] = await connection.query(sql, [...params]);
      const rows = Array.isArray(result) ? (result as T[]) : [];
      return { rows, rowCount: Array.isArray(result) ? rows.length : ((result as { affectedRows?: number }).affectedRows ?? 0) };
    },
    async exec(sql: string): Promise<void> {
      sent += 1;
      log.push(sql);
      await connection.query(sql);
    },
    async resultSets(statements: readonly string[]): Promise<Row[][]> {
      const sql = statements.join(";\n");
      sent += 1;
      log.push(sql);
      const [result] = await connection.query(sql);
      return asResultSets(result, statements.length);
    },
    async transaction<T>(fn: () => Promise<T>): Promise<T> {
      await connection.query("START TRANSACTION");
      try {
        const result = await fn();
        await connection.query("COMMIT");
        return result;
      } catch (error) {
        await connection.query("ROLLBACK");
        throw error;
      }
    },
    withAdvisoryLock(): never {
      throw new Error("the test executor takes no advisory lock");
    },
    async close(): Promise<void> {
      await connection.end();
    },
  };
  if (options.resultSets === false) {
    const { resultSets: _left, ...oneByOne } = executor;
    return oneByOne;
  }
  return executor;
}
