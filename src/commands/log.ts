/** `migrator log [-n N]`: the steps the log table recorded, newest first (who ran what, when, for how long). */
import type { ResolvedConfig } from "../config/types";
import { withConnection } from "../db/connect";
import type { Executor } from "../db/types";
import { qualified } from "../dialect/postgres/quote";
import { existingTables, runtimeTables } from "../runtime/tables";

/** The client_app of a log row that accepted a changed file (validate --accept) rather than ran it. */
export const ACCEPTED_BY = "migrator validate --accept";

export interface AppliedStep {
  readonly revision: string;
  readonly direction: "up" | "down";
  readonly startedAt: string;
  /** null for a non-transactional step that started and did not finish (or is running). */
  readonly finishedAt: string | null;
  readonly durationMs: number | null;
  readonly user: string;
  readonly host: string | null;
  readonly application: string | null;
  readonly migratorVersion: string | null;
}

export interface LogResult {
  readonly steps: readonly AppliedStep[];
}

type LogRow = {
  revision: string;
  direction: string;
  started_at: Date | string;
  finished_at: Date | string | null;
  duration_ms: number | null;
  db_user: string;
  client_host: string | null;
  client_app: string | null;
  migrator_version: string | null;
};

export async function log(config: ResolvedConfig, options: { limit?: number; executor?: Executor } = {}): Promise<LogResult> {
  const read = async (executor: Executor): Promise<LogResult> => {
    const tables = runtimeTables(config);
    if (!(await existingTables(executor, tables)).log) return { steps: [] };
    // LIMIT NULL is no limit
    const result = await executor.query<LogRow>(
      "SELECT revision, direction, started_at, finished_at, duration_ms, db_user, client_host, client_app, migrator_version " +
        `FROM ${qualified(tables.log)} ORDER BY started_at DESC, id DESC LIMIT $1`,
      [options.limit ?? null],
    );
    return { steps: result.rows.map(toStep) };
  };
  return options.executor ? read(options.executor) : withConnection(config.database, config.root, read);
}

function toStep(row: LogRow): AppliedStep {
  return {
    revision: row.revision,
    direction: row.direction === "down" ? "down" : "up",
    startedAt: new Date(row.started_at).toISOString(),
    finishedAt: row.finished_at === null ? null : new Date(row.finished_at).toISOString(),
    durationMs: row.duration_ms,
    user: row.db_user,
    host: row.client_host,
    application: row.client_app,
    migratorVersion: row.migrator_version,
  };
}
