/**
 * Who stood in the way of a statement that gave up waiting for its lock
 * (lock_timeout, SQLSTATE 55P03). Asked after the failure, on the same
 * session: the sessions holding a lock on the statement's tables in a mode
 * that conflicts with the one it asked for (those waiting in the queue
 * ahead of it when none holds one). When the tables are unknown, or nobody
 * holds them (CREATE INDEX CONCURRENTLY waits for old transactions, not for
 * a table lock), the oldest open transactions of the database.
 */
import type { Executor } from "../../../db/types";
import type { QualifiedName } from "../../../model/types";
import type { LockHolder, WantedLock } from "../../runtime";
import { sqlState } from "../connection/executor";
import { qualified } from "../quote";

const LOCK_NOT_AVAILABLE = "55P03";

export function isLockTimeout(error: unknown): boolean {
  return sqlState(error) === LOCK_NOT_AVAILABLE;
}

/** The table lock modes as pg_locks spells them, weakest first (lockdefs.h numbers them 1 to 8). */
const MODES = [
  "AccessShareLock",
  "RowShareLock",
  "RowExclusiveLock",
  "ShareUpdateExclusiveLock",
  "ShareLock",
  "ShareRowExclusiveLock",
  "ExclusiveLock",
  "AccessExclusiveLock",
] as const;

/** The conflict table of the "Explicit Locking" chapter: for each mode (by number), the modes it conflicts with. */
const CONFLICTS: Readonly<Record<number, readonly number[]>> = {
  1: [8],
  2: [7, 8],
  3: [5, 6, 7, 8],
  4: [4, 5, 6, 7, 8],
  5: [3, 4, 6, 7, 8],
  6: [3, 4, 5, 6, 7, 8],
  7: [2, 3, 4, 5, 6, 7, 8],
  8: [1, 2, 3, 4, 5, 6, 7, 8],
};

/** `ACCESS EXCLUSIVE` (lint's spelling) or `AccessExclusiveLock` (pg_locks') as its number; unknown: the strongest. */
function modeNumber(mode: string): number {
  const key = (text: string): string => text.replace(/\s+/g, "").toLowerCase().replace(/lock$/, "");
  const found = MODES.findIndex((known) => key(known) === key(mode));
  return found < 0 ? MODES.length : found + 1;
}

/** The pg_locks modes that conflict with `mode`. */
export function conflictingModes(mode: string): string[] {
  return (CONFLICTS[modeNumber(mode)] ?? []).map((n) => MODES[n - 1] as string);
}

interface Row {
  pid: number;
  application_name: string | null;
  state: string | null;
  query_start: Date | string | null;
  xact_start: Date | string | null;
  query: string | null;
  nspname: string | null;
  relname: string | null;
  mode: string | null;
  granted: boolean;
  [key: string]: unknown;
}

const ACTIVITY = "a.pid, a.application_name, a.state, a.query_start, a.xact_start, split_part(btrim(a.query, E' \\n\\t'), E'\\n', 1) AS query";

export async function lockHolders(executor: Executor, wanted: readonly WantedLock[]): Promise<LockHolder[]> {
  const tables: string[] = [];
  const modes: string[] = [];
  for (const lock of wanted) {
    for (const mode of conflictingModes(lock.mode)) {
      tables.push(qualified(lock.table));
      modes.push(mode);
    }
  }
  if (tables.length > 0) {
    const result = await executor.query<Row>(
      `SELECT ${ACTIVITY}, n.nspname, c.relname, l.mode, l.granted ` +
        "FROM unnest($1::text[], $2::text[]) AS w(name, mode) " +
        "JOIN pg_locks l ON l.locktype = 'relation' AND l.relation = to_regclass(w.name) AND l.mode = w.mode " +
        "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) " +
        "JOIN pg_stat_activity a ON a.pid = l.pid " +
        "JOIN pg_class c ON c.oid = l.relation JOIN pg_namespace n ON n.oid = c.relnamespace " +
        "WHERE l.pid <> pg_backend_pid() ORDER BY l.granted DESC, a.xact_start NULLS LAST, a.pid",
      [tables, modes],
    );
    const granted = result.rows.filter((row) => row.granted);
    const rows = granted.length > 0 ? granted : result.rows;
    if (rows.length > 0) return distinct(rows.map(holderOf));
  }
  const oldest = await executor.query<Row>(
    `SELECT ${ACTIVITY}, NULL AS nspname, NULL AS relname, NULL AS mode, true AS granted FROM pg_stat_activity a ` +
      "WHERE a.datname = current_database() AND a.pid <> pg_backend_pid() AND a.xact_start IS NOT NULL " +
      "ORDER BY a.xact_start, a.pid LIMIT 3",
  );
  return oldest.rows.map(holderOf);
}

/** One entry per session: the first (granted, oldest) lock it has on the tables. */
function distinct(holders: readonly LockHolder[]): LockHolder[] {
  const seen = new Set<number>();
  return holders.filter((holder) => !seen.has(holder.pid) && seen.add(holder.pid) !== undefined);
}

function holderOf(row: Row): LockHolder {
  const table: QualifiedName | null = row.nspname !== null && row.relname !== null ? { schema: row.nspname, name: row.relname } : null;
  return {
    pid: Number(row.pid),
    application: row.application_name ?? "",
    state: row.state,
    queryStart: row.query_start === null ? null : new Date(row.query_start),
    transactionStart: row.xact_start === null ? null : new Date(row.xact_start),
    query: row.query ?? "",
    table,
    mode: row.mode,
    granted: row.granted === true,
  };
}
