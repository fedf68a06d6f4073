import { DatabaseError } from "../errors";
import type { AdvisoryLockOptions, Executor, QueryResult, Row } from "./types";

/** What a driver must provide; transactions and locks are built on top, the same for every backend. */
export interface Session {
  query<T extends Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

const LOCK_NOT_AVAILABLE = "55P03";

export function executorOver(session: Session, backend: Executor["backend"], description: string): Executor {
  let inTransaction = false;

  const executor: Executor = {
    backend,
    description,
    query: (sql, params) => session.query(sql, params),
    exec: (sql) => session.exec(sql),
    async transaction<T>(fn: () => Promise<T>): Promise<T> {
      if (inTransaction) throw new Error("nested transaction: the executor is not re-entrant");
      inTransaction = true;
      try {
        await session.exec("BEGIN");
        try {
          const result = await fn();
          await session.exec("COMMIT");
          return result;
        } catch (error) {
          await session.exec("ROLLBACK").catch(() => undefined);
          throw error;
        }
      } finally {
        inTransaction = false;
      }
    },
    async withAdvisoryLock<T>(key: bigint, fn: () => Promise<T>, options: AdvisoryLockOptions = {}): Promise<T> {
      await acquire(session, key, options);
      try {
        return await fn();
      } finally {
        await session.query("SELECT pg_advisory_unlock($1::bigint)", [key.toString()]).catch(() => undefined);
      }
    },
    close: () => session.close(),
  };
  return executor;
}

async function acquire(session: Session, key: bigint, options: AdvisoryLockOptions): Promise<void> {
  const param = key.toString();
  const tried = await session.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1::bigint) AS locked", [param]);
  if (tried.rows[0]?.locked) return;
  options.onWait?.(await describeHolder(session, key));
  // Block in the server (FIFO, no polling); lock_timeout bounds the wait when asked.
  const timeout = options.timeoutMs;
  if (timeout !== undefined) await session.exec(`SET lock_timeout = ${Math.max(1, Math.floor(timeout))}`);
  try {
    await session.query("SELECT pg_advisory_lock($1::bigint)", [param]);
  } catch (error) {
    if (sqlState(error) === LOCK_NOT_AVAILABLE) {
      throw new DatabaseError(`timed out after ${timeout} ms waiting for the migration lock`, {
        hint: "another migrator is running against this database; retry when it is done, or raise --lock-timeout",
      });
    }
    throw error;
  } finally {
    if (timeout !== undefined) await session.exec("RESET lock_timeout");
  }
}

/** Who holds the advisory lock: pid, user, application and client address, as pg_stat_activity knows them. */
async function describeHolder(session: Session, key: bigint): Promise<string> {
  const high = Number((key >> 32n) & 0xffffffffn);
  const low = Number(key & 0xffffffffn);
  const result = await session.query<{ pid: number; usename: string | null; application_name: string | null; client_addr: string | null }>(
    `SELECT a.pid, a.usename, a.application_name, host(a.client_addr) AS client_addr
       FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'advisory' AND l.granted AND l.classid::bigint = $1 AND l.objid::bigint = $2 AND l.objsubid = 1
      LIMIT 1`,
    [high, low],
  ).catch(() => ({ rows: [] as never[], rowCount: 0 }));
  const holder = result.rows[0];
  if (!holder) return "another session";
  const who = [holder.usename, holder.application_name && `(${holder.application_name})`, holder.client_addr && `from ${holder.client_addr}`]
    .filter(Boolean)
    .join(" ");
  return `pid ${holder.pid}${who ? ` ${who}` : ""}`;
}

export function sqlState(error: unknown): string | undefined {
  if (typeof error === "object" && error !== null && "code" in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === "string" ? code : undefined;
  }
  return undefined;
}
