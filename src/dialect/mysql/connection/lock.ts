/**
 * The migration lock's name for GET_LOCK. GET_LOCK's names are the whole
 * server's (PostgreSQL's advisory locks are per database), so the name holds
 * the current database beside the key; hashed, as a name may have 64
 * characters at most.
 */
import type { Executor } from "../../../db/types";

const NAME_SQL = "CONCAT('migrator_', LEFT(SHA2(CONCAT(COALESCE(DATABASE(), ''), '/', ?), 256), 40))";

export async function lockName(session: Pick<Executor, "query">, key: bigint): Promise<string> {
  const result = await session.query<{ name: string }>(`SELECT ${NAME_SQL} AS name`, [key.toString()]);
  const name = result.rows[0]?.name;
  if (typeof name !== "string") throw new Error("the server gave no name for the migration lock");
  return name;
}

/** Whether some session holds the lock of `key` in the current database. */
export async function lockHeld(session: Pick<Executor, "query">, key: bigint): Promise<boolean> {
  const result = await session.query<{ holder: unknown }>(`SELECT IS_USED_LOCK(${NAME_SQL}) AS holder`, [key.toString()]);
  const holder = result.rows[0]?.holder;
  return holder !== null && holder !== undefined;
}

/** Who holds the lock: connection id, user and client host, as the process list shows them (another user's needs PROCESS). */
export async function lockHolder(session: Pick<Executor, "query">, name: string): Promise<string> {
  const result = await session
    .query<{ id: unknown; user: string | null; host: string | null; holder: unknown }>(
      "SELECT l.holder, p.ID AS id, p.USER AS user, p.HOST AS host FROM (SELECT IS_USED_LOCK(?) AS holder) l " +
        "LEFT JOIN information_schema.PROCESSLIST p ON p.ID = l.holder",
      [name],
    )
    .catch(() => ({ rows: [] as never[], rowCount: 0 }));
  const row = result.rows[0];
  if (!row || row.holder === null || row.holder === undefined) return "another session";
  const who = [row.user, row.host && `from ${row.host}`].filter(Boolean).join(" ");
  return `connection ${String(row.holder)}${who ? ` ${who}` : ""}`;
}
