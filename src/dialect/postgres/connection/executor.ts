import { DatabaseError } from "../../../errors";
import { completePrivilegeNote, currentRole, isPrivilegeFailure, notePrivilegeFailure } from "./privilege";
import type { AdvisoryLockOptions, Executor, QueryResult, Row } from "../../../db/types";

/** What a driver must provide; transactions and locks are built on top, the same for every backend. */
export interface Session {
  query<T extends Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

/** First pause between two tries for a held lock; doubled after each try, up to the maximum. */
const FIRST_POLL_MS = 50;
const MAX_POLL_MS = 500;

/**
 * `user`: the role the session logged in as, named in a privilege error when
 * the session cannot be asked (its transaction has failed).
 */
export function executorOver(session: Session, backend: Executor["backend"], description: string, user: string | null = null): Executor {
  let inTransaction = false;

  /**
   * A refused privilege is noted with its statement and the role refused
   * (see privilege.ts); the error goes on as it is. In a failed transaction
   * the session answers nothing: the role is asked again after the rollback.
   */
  const noting = async <T>(sql: string, run: Promise<T>): Promise<T> => {
    try {
      return await run;
    } catch (error) {
      if (isPrivilegeFailure(error)) notePrivilegeFailure(error, sql, await currentRole(session), user);
      throw error;
    }
  };

  const executor: Executor = {
    backend,
    description,
    query: (sql, params) => noting(sql, session.query(sql, params)),
    exec: (sql) => noting(sql, session.exec(sql)),
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
          await completePrivilegeNote(error, session);
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

/**
 * Takes the lock by polling pg_try_advisory_lock with backoff rather than
 * blocking in pg_advisory_lock: a session blocked inside a statement holds a
 * snapshot, and CREATE INDEX CONCURRENTLY in the lock holder waits for every
 * such snapshot to end, which would deadlock. Between tries the waiter is idle
 * and holds nothing. The holder is reported once, when the first try fails.
 */
async function acquire(session: Session, key: bigint, options: AdvisoryLockOptions): Promise<void> {
  const param = key.toString();
  const tryLock = async (): Promise<boolean> =>
    (await session.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1::bigint) AS locked", [param])).rows[0]?.locked === true;
  if (await tryLock()) return;
  options.onWait?.(await describeHolder(session, key));
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
