/**
 * The migration lock: a session-level advisory lock whose key is a stable
 * 64-bit hash of the version table's schema and name, so every runner against
 * the same table (whatever process or machine) contends for it, and projects
 * with different version tables in one database do not block each other.
 *
 * A waiting runner polls with pg_try_advisory_lock instead of blocking in
 * pg_advisory_lock: a session blocked inside a statement holds a snapshot,
 * and CREATE INDEX CONCURRENTLY in the lock holder waits for every such
 * snapshot to end, which would be a deadlock. Between tries the waiter is
 * idle and holds nothing.
 */
import { createHash } from "node:crypto";
import type { Executor } from "../db/types";
import { DatabaseError } from "../errors";
import type { QualifiedName } from "../model/types";

export function lockKey(version: QualifiedName): bigint {
  const digest = createHash("sha256").update(`migrator\0${version.schema}\0${version.name}`).digest();
  return digest.readBigInt64BE(0);
}

export interface MigrationLockOptions {
  /** Give up after this many ms (default: wait as long as it takes). */
  readonly timeoutMs?: number;
  /** Called once when the lock is taken by someone else, with who holds it. */
  readonly onWait?: (holder: string) => void;
}

const FIRST_POLL_MS = 50;
const MAX_POLL_MS = 500;

export async function withMigrationLock<T>(executor: Executor, key: bigint, fn: () => Promise<T>, options: MigrationLockOptions = {}): Promise<T> {
  const param = key.toString();
  const tryLock = async (): Promise<boolean> =>
    (await executor.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1::bigint) AS locked", [param])).rows[0]?.locked === true;
  if (!(await tryLock())) {
    options.onWait?.(await describeHolder(executor, key));
    const started = Date.now();
    let pause = FIRST_POLL_MS;
    for (;;) {
      if (options.timeoutMs !== undefined && Date.now() - started >= options.timeoutMs) {
        throw new DatabaseError(`timed out after ${options.timeoutMs} ms waiting for the migration lock`, {
          hint: "another migrator is running against this database; retry when it is done, or raise --lock-timeout",
        });
      }
      const remaining = options.timeoutMs === undefined ? pause : Math.min(pause, options.timeoutMs - (Date.now() - started));
      await new Promise((resolve) => setTimeout(resolve, Math.max(1, remaining)));
      if (await tryLock()) break;
      pause = Math.min(MAX_POLL_MS, pause * 2);
    }
  }
  try {
    return await fn();
  } finally {
    await executor.query("SELECT pg_advisory_unlock($1::bigint)", [param]).catch(() => undefined);
  }
}

/** pid, user, application and address of the holder, as pg_stat_activity knows them. */
async function describeHolder(executor: Executor, key: bigint): Promise<string> {
  const high = Number((key >> 32n) & 0xffffffffn);
  const low = Number(key & 0xffffffffn);
  const result = await executor
    .query<{ pid: number; usename: string | null; application_name: string | null; client_addr: string | null }>(
      `SELECT a.pid, a.usename, a.application_name, host(a.client_addr) AS client_addr
         FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND l.granted AND l.classid::bigint = $1 AND l.objid::bigint = $2 AND l.objsubid = 1
        LIMIT 1`,
      [high, low],
    )
    .catch(() => ({ rows: [] as never[], rowCount: 0 }));
  const holder = result.rows[0];
  if (!holder) return "another session";
  const who = [holder.usename, holder.application_name && `(${holder.application_name})`, holder.client_addr && `from ${holder.client_addr}`]
    .filter(Boolean)
    .join(" ");
  return `pid ${holder.pid}${who ? ` ${who}` : ""}`;
}
