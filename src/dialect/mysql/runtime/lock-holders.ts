/**
 * Who stood in the way of a statement that gave up waiting for its lock
 * (lock_wait_timeout on a metadata lock, innodb_lock_wait_timeout on rows:
 * both error 1205). MySQL names no holder of a metadata lock without the
 * performance schema (MariaDB: a plugin), so the sessions named are the
 * oldest open transactions of the server, which is what an ALTER waits
 * behind: a transaction that read the table keeps its metadata lock until it ends.
 */
import type { Executor } from "../../../db/types";
import type { LockHolder, WantedLock } from "../../runtime";
import { errno } from "../connection/errors";

const LOCK_WAIT_TIMEOUT = 1205;

export function isLockTimeout(error: unknown): boolean {
  return errno(error) === LOCK_WAIT_TIMEOUT;
}

interface Row {
  pid: number | string;
  command: string | null;
  state: string | null;
  info: string | null;
  time: number | string | null;
  trx_started: Date | string | null;
}

export async function lockHolders(executor: Executor, _wanted: readonly WantedLock[]): Promise<LockHolder[]> {
  const { rows } = await executor.query<Row & Record<string, unknown>>(
    `SELECT p.ID AS pid, p.COMMAND AS command, p.STATE AS state, p.INFO AS info, p.TIME AS time, t.trx_started AS trx_started
       FROM information_schema.INNODB_TRX t
       JOIN information_schema.PROCESSLIST p ON p.ID = t.trx_mysql_thread_id
      WHERE p.ID <> CONNECTION_ID()
      ORDER BY t.trx_started
      LIMIT 5`,
  );
  const now = Date.now();
  return rows.map((row) => {
    const seconds = row.time === null ? null : Number(row.time);
    return {
      pid: Number(row.pid),
      application: "",
      state: row.command === "Sleep" ? "idle in transaction" : (row.state ?? row.command),
      queryStart: seconds === null || Number.isNaN(seconds) ? null : new Date(now - seconds * 1000),
      transactionStart: row.trx_started === null ? null : new Date(row.trx_started),
      query: (row.info ?? "").split("\n")[0]?.trim() ?? "",
      table: null,
      mode: null,
      granted: true,
    };
  });
}
