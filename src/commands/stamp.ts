/** `migrator stamp TARGET... [--purge] [--sql]`: set the version table without running any revision. */
import type { ResolvedConfig } from "../config/types";
import type { Executor } from "../db/types";
import { UsageError } from "../errors";
import { loadGraph } from "../revisions/load";
import { resolveRevisions } from "../revisions/target";
import type { VersionRowChange } from "../revisions/version-rows";
import { renderOfflineStamp } from "../runtime/offline";
import { withLockedSession } from "../runtime/session";
import { rowChanges, stampRows } from "../runtime/stamp";
import { runtimeTables } from "../runtime/tables";

export interface StampOptions {
  readonly targets: readonly string[];
  /** Empty the version table first (also clears rows no file defines). */
  readonly purge?: boolean;
  /** Offline: return the SQL; the first target may be a range FROM:TO. */
  readonly sql?: boolean;
  readonly lockTimeout?: number;
  readonly notify?: (line: string) => void;
  /** An open connection to use instead of connecting from the config. */
  readonly executor?: Executor;
}

export interface StampResult {
  readonly from: readonly string[];
  readonly to: readonly string[];
  readonly changes: readonly VersionRowChange[];
  /** Set with --sql. */
  readonly sql?: string;
}

export async function stamp(config: ResolvedConfig, options: StampOptions): Promise<StampResult> {
  if (options.targets.length === 0) throw new UsageError("stamp needs a target", { hint: "e.g. migrator stamp head" });
  const graph = loadGraph(config);
  if (options.sql) {
    const [first, ...rest] = options.targets as [string, ...string[]];
    const colon = first.indexOf(":");
    const from = colon < 0 || options.purge ? [] : resolveRevisions(graph, first.slice(0, colon).trim() || "base");
    const targets = [colon < 0 ? first : first.slice(colon + 1), ...rest];
    const to = stampRows(graph, from, targets, options.purge === true);
    const changes = rowChanges(from, to);
    const title = `migrator stamp ${options.targets.join(" ")}${options.purge ? " --purge" : ""} (offline)`;
    const sql = renderOfflineStamp(config.dialect, runtimeTables(config), changes, title, options.purge === true);
    return { from, to, changes, sql };
  }
  return withLockedSession(config, { lockTimeout: options.lockTimeout, notify: options.notify, createTables: true, executor: options.executor }, async ({ executor, tables, current }) => {
    const to = stampRows(graph, current, options.targets, options.purge === true);
    const changes = rowChanges(options.purge ? [] : current, to);
    await executor.transaction(async () => {
      const { runtime } = config.dialect;
      if (options.purge) await executor.query(runtime.purgeVersionSql(tables));
      for (const stmt of runtime.versionChangeStatements(tables, changes)) await executor.query(stmt.sql, stmt.params);
    });
    return { from: current, to, changes: options.purge ? rowChanges(current, to) : changes };
  });
}

