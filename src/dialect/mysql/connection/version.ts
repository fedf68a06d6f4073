import type { Executor } from "../../../db/types";

/** `SELECT VERSION()`'s text (`10.11.6-MariaDB-...`, `8.0.36`), which the SQL part reads (sql/server.ts). */
export async function serverVersion(executor: Executor): Promise<string> {
  const { rows } = await executor.query<{ version: string }>("SELECT VERSION() AS version");
  return String(rows[0]?.version ?? "");
}
