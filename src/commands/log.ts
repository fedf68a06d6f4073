/** `migrator log [-n N]`: the steps the log table recorded, newest first (who ran what, when, for how long). */
import type { ResolvedConfig } from "../config/types";
import type { Executor } from "../db/types";
import type { LoggedStep } from "../dialect/runtime";
import { runtimeTables } from "../runtime/tables";

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

export async function log(config: ResolvedConfig, options: { limit?: number; executor?: Executor } = {}): Promise<LogResult> {
  const { runtime } = config.dialect;
  const read = async (executor: Executor): Promise<LogResult> => {
    const tables = runtimeTables(config);
    if (!(await runtime.existingTables(executor, tables)).log) return { steps: [] };
    return { steps: (await runtime.readLog(executor, tables, options.limit ?? null)).map(toStep) };
  };
  return options.executor ? read(options.executor) : runtime.withConnection(config.database, config.root, read);
}

function toStep(row: LoggedStep): AppliedStep {
  return {
    revision: row.revision,
    direction: row.direction,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt === null ? null : row.finishedAt.toISOString(),
    durationMs: row.durationMs,
    user: row.user,
    host: row.host,
    application: row.application,
    migratorVersion: row.migratorVersion,
  };
}
