/**
 * The version table (one row per current head, as Alembic's alembic_version)
 * and the log table (one row per step run). Both are created on first use by
 * the commands that write; read-only commands treat a missing table as "no
 * revisions applied". Their SQL is the dialect's; this is when to use it.
 */
import type { Executor } from "../db/types";
import type { Dialect } from "../dialect";
import type { LogRow, RuntimeTables } from "../dialect/runtime";

export type { LogRow, RuntimeTables };

export function runtimeTables(config: { versionSchema: string; versionTable: string; logTable: string }): RuntimeTables {
  return {
    version: { schema: config.versionSchema, name: config.versionTable },
    log: { schema: config.versionSchema, name: config.logTable },
  };
}

/** Creates what is missing (and brings a log table of the first shape to today's); says whether the version table was missing. */
export async function ensureTables(dialect: Dialect, executor: Executor, tables: RuntimeTables): Promise<{ versionCreated: boolean }> {
  const found = await dialect.runtime.existingTables(executor, tables);
  if (!found.version || !found.log) for (const sql of dialect.runtime.createTablesSql(tables)) await executor.exec(sql);
  if (found.oldLog) await executor.exec(dialect.runtime.relaxLogSql(tables));
  return { versionCreated: !found.version };
}

/** The version rows, sorted; [] when the table does not exist yet. */
export async function readVersionRows(dialect: Dialect, executor: Executor, tables: RuntimeTables): Promise<string[]> {
  if (!(await dialect.runtime.existingTables(executor, tables)).version) return [];
  return dialect.runtime.selectVersionRows(executor, tables);
}

/** The newest log row of each revision (empty when there is no log table). */
export async function readLatestLog(dialect: Dialect, executor: Executor, tables: RuntimeTables): Promise<Map<string, LogRow>> {
  const found = await dialect.runtime.existingTables(executor, tables);
  if (!found.log) return new Map();
  return new Map((await dialect.runtime.readLatestLog(executor, tables)).map((row) => [row.revision, row]));
}
