/**
 * An Executor over one mysql2 connection: a single session, so transactions
 * and GET_LOCK locks are ours alone. Statements with parameters go as
 * prepared statements (the server binds them, whatever the sql_mode says
 * about backslashes); statements without go as text, several at a time.
 */
import type { Connection, ExecuteValues, FieldPacket, QueryResult as MysqlResult } from "mysql2/promise";
import { DatabaseError } from "../../../errors";
import type { AdvisoryLockOptions, Executor, QueryResult, Row } from "../../../db/types";
import { lockHolder, lockName } from "./lock";

/** First pause between two tries for a held lock; doubled after each try, up to the maximum. */
const FIRST_POLL_MS = 50;
const MAX_POLL_MS = 500;

/** The database each executor connected to (null: none named), where useSchema(null) goes back to. */
const homes = new WeakMap<Executor, string | null>();

export function homeDatabase(executor: Executor): string | null | undefined {
  return homes.get(executor);
}

/**
 * What a MySQL executor offers beyond the neutral interface: several
 * statements without parameters as one text, one round trip, each
 * statement's rows (none for a statement that returns no rows). The catalog
 * reads send theirs this way, so the server runs them back to back whatever
 * this process is busy with meanwhile, instead of one statement per turn of
 * the event loop.
 */
export interface ResultSets {
  resultSets(statements: readonly string[]): Promise<Row[][]>;
}

/** The executor's `resultSets`, or undefined for one that has none (an executor made elsewhere). */
export function resultSetsOf(executor: Executor): ResultSets["resultSets"] | undefined {
  const own = (executor as Executor & Partial<ResultSets>).resultSets;
  return typeof own === "function" ? own : undefined;
}

/** mysql2's result of a text of `count` statements as one list of rows per statement. */
export function asResultSets(result: unknown, count: number): Row[][] {
  // a single statement's result is not wrapped
  const parts = count === 1 ? [result] : Array.isArray(result) ? (result as unknown[]) : [result];
  if (parts.length !== count) throw new Error(`expected ${count} results from the server, got ${parts.length}`);
  return parts.map((part) => (Array.isArray(part) ? (part as Row[]) : []));
}

export function executorOver(connection: Connection, description: string, home: string | null): Executor {
  let inTransaction = false;

  const query = async <T extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>> => {
    const [result] =
      params !== undefined && params.length > 0
        ? await connection.execute<MysqlResult>(sql, params.map(bindable))
        : await connection.query<MysqlResult>(sql);
    return asQueryResult<T>(result);
  };

  const exec = async (sql: string): Promise<void> => {
    if (sql.trim() === "") return; // the server calls an empty text an error
    try {
      await connection.query(sql);
    } catch (error) {
      // a message that opened a transaction and failed before its COMMIT must not leave it for the next statement to commit
      if (!inTransaction && /^\s*START\s+TRANSACTION\b/i.test(sql)) await connection.query("ROLLBACK").catch(() => undefined);
      throw error;
    }
  };

  const resultSets = async (statements: readonly string[]): Promise<Row[][]> => {
    const [result] = await connection.query<MysqlResult>(statements.join(";\n"));
    return asResultSets(result, statements.length);
  };

  const executor: Executor & ResultSets = {
    backend: "server",
    description,
    query,
    exec,
    resultSets,
    async transaction<T>(fn: () => Promise<T>): Promise<T> {
      if (inTransaction) throw new Error("nested transaction: the executor is not re-entrant");
      inTransaction = true;
      try {
        await connection.query("START TRANSACTION");
        try {
          const result = await fn();
          await connection.query("COMMIT");
          return result;
        } catch (error) {
          await connection.query("ROLLBACK").catch(() => undefined);
          throw error;
        }
      } finally {
        inTransaction = false;
      }
    },
    async withAdvisoryLock<T>(key: bigint, fn: () => Promise<T>, options: AdvisoryLockOptions = {}): Promise<T> {
      const name = await lockName({ query }, key);
      await acquire({ query }, name, options);
      try {
        return await fn();
      } finally {
        await query("SELECT RELEASE_LOCK(?) AS released", [name]).catch(() => undefined);
      }
    },
    async close(): Promise<void> {
      await connection.end().catch(() => connection.destroy());
    },
  };
  homes.set(executor, home);
  return executor;
}

/**
 * Polls GET_LOCK(name, 0) with backoff, as PostgreSQL's executor polls its
 * advisory lock: the wait is bounded in milliseconds (GET_LOCK's own timeout
 * counts seconds) and the holder is reported once, when the first try fails.
 */
async function acquire(session: Pick<Executor, "query">, name: string, options: AdvisoryLockOptions): Promise<void> {
  const tryLock = async (): Promise<boolean> => {
    const got = (await session.query<{ locked: number | null }>("SELECT GET_LOCK(?, 0) AS locked", [name])).rows[0]?.locked;
    if (got === null || got === undefined) throw new DatabaseError("the server refused the migration lock (GET_LOCK returned NULL)");
    return Number(got) === 1;
  };
  if (await tryLock()) return;
  options.onWait?.(await lockHolder(session, name));
  const timeout = options.timeoutMs;
  const started = Date.now();
  let pause = FIRST_POLL_MS;
  for (;;) {
    const waited = Date.now() - started;
    if (timeout !== undefined && waited >= timeout) {
      throw new DatabaseError(`timed out after ${timeout} ms waiting for the migration lock`, {
        hint: "another migrator is running against this database; retry when it is done, or raise --lock-timeout",
      });
    }
    const sleep = timeout === undefined ? pause : Math.min(pause, timeout - waited);
    await new Promise((resolve) => setTimeout(resolve, Math.max(1, sleep)));
    if (await tryLock()) return;
    pause = Math.min(MAX_POLL_MS, pause * 2);
  }
}

/** A prepared statement takes no undefined, and bigints as text keep every digit. */
function bindable(value: unknown): ExecuteValues {
  if (value === undefined) return null;
  if (typeof value === "bigint") return value.toString();
  return value as ExecuteValues;
}

/**
 * One result as rows and a count. A text of several statements gives one
 * result each: the rows are those of the last statement that returned rows
 * (`INSERT ...; SELECT LAST_INSERT_ID() AS id`), the count that of the last statement.
 */
function asQueryResult<T extends Row>(result: MysqlResult): QueryResult<T> {
  if (!Array.isArray(result)) return { rows: [], rowCount: affected(result) };
  const parts = result as unknown[];
  const several = parts.some((part) => Array.isArray(part) || isHeader(part));
  if (!several) return { rows: parts as T[], rowCount: parts.length };
  let rows: T[] = [];
  for (const part of parts) if (Array.isArray(part)) rows = part as T[];
  const last = parts[parts.length - 1];
  return { rows, rowCount: Array.isArray(last) ? last.length : affected(last) };
}

function isHeader(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value) && "affectedRows" in value && "fieldCount" in value;
}

function affected(header: unknown): number {
  const count = typeof header === "object" && header !== null ? (header as { affectedRows?: unknown }).affectedRows : undefined;
  return typeof count === "number" ? count : 0;
}

export type { FieldPacket };
