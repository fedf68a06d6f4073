/**
 * A migration session: connect, take the advisory lock of the version table,
 * and only then read the current revisions, so a runner that waited sees
 * what the runner before it did.
 */
import type { ResolvedConfig } from "../config/types";
import type { Executor } from "../db/types";
import type { Dialect } from "../dialect";
import { type RuntimeState, readRuntimeState } from "./interrupted";
import { lockKey } from "./lock";
import { type RuntimeTables, ensureTables, readVersionRows, runtimeTables } from "./tables";

export interface SessionOptions {
  /** Overrides the config's lockTimeout (ms). */
  readonly lockTimeout?: number;
  /** Told when the lock is held by someone else (stderr in the CLI). */
  readonly notify?: (line: string) => void;
  /** Create the version and log tables when missing (every writing command); false leaves the database untouched. */
  readonly createTables: boolean;
  /** An open connection to use (and leave open) instead of connecting from the config. */
  readonly executor?: Executor;
}

export interface Session {
  readonly executor: Executor;
  /** The config's dialect with its SQL written for the server connected to (MySQL's RENAME COLUMN or CHANGE COLUMN). */
  readonly dialect: Dialect;
  readonly tables: RuntimeTables;
  /** The version rows, read under the lock. */
  readonly current: readonly string[];
  /** The version table did not exist and this session created it (empty). */
  readonly versionTableCreated: boolean;
}

export async function withLockedSession<T>(
  config: ResolvedConfig,
  options: SessionOptions,
  fn: (session: Session) => Promise<T>,
): Promise<T> {
  const tables = runtimeTables(config);
  const { dialect } = config;
  const timeoutMs = options.lockTimeout ?? config.lockTimeout ?? undefined;
  return useConnection(config, options.executor, async (executor) => {
    const served = await dialectForServer(dialect, executor);
    return executor.withAdvisoryLock(
      lockKey(tables.version),
      async () => {
        let current: string[];
        let versionTableCreated = false;
        if (options.createTables) {
          versionTableCreated = (await ensureTables(dialect, executor, tables)).versionCreated;
          current = await dialect.runtime.selectVersionRows(executor, tables);
        } else {
          current = await readVersionRows(dialect, executor, tables);
        }
        return fn({ executor, dialect: served, tables, current, versionTableCreated });
      },
      {
        ...(timeoutMs === undefined ? {} : { timeoutMs }),
        onWait: (holder) => options.notify?.(`waiting for the migration lock on ${dialect.quote.qualified(tables.version)}, held by ${holder}`),
      },
    );
  });
}

/**
 * The dialect with its SQL part for the connected server, where the SQL
 * differs by version; otherwise the dialect itself. Asked once per session:
 * a revision's statements must fit the server they run on, not the baseline
 * offline output is written for.
 */
export async function dialectForServer(dialect: Dialect, executor: Executor): Promise<Dialect> {
  const { forServer } = dialect.sql;
  const { serverVersion } = dialect.runtime;
  if (forServer === undefined || serverVersion === undefined) return dialect;
  return Object.freeze({ ...dialect, sql: forServer(await serverVersion(executor)) });
}

/** The version rows and unfinished steps, without a lock and without creating anything (current, status, history). */
export async function readCurrentState(config: ResolvedConfig, executor?: Executor): Promise<RuntimeState> {
  return useConnection(config, executor, (open) => readRuntimeState(config.dialect, open, runtimeTables(config)));
}

/** The version rows, without a lock and without creating anything. */
export async function readCurrentRevisions(config: ResolvedConfig, executor?: Executor): Promise<string[]> {
  return useConnection(config, executor, (open) => readVersionRows(config.dialect, open, runtimeTables(config)));
}

/**
 * `fn` on the given connection, or on one opened from the config and closed
 * afterwards; a tenant's (the reference target, outside a fleet run) with
 * its search_path set as a fleet's sessions have it, so the entities'
 * unqualified names (a view's body) resolve in its schema.
 */
export function useConnection<T>(config: ResolvedConfig, executor: Executor | undefined, fn: (executor: Executor) => Promise<T>): Promise<T> {
  const { runtime } = config.dialect;
  if (executor) return runtime.withPrivilegeErrors(() => fn(executor));
  const schema = config.tenantSchema;
  if (schema === undefined) return runtime.withConnection(config.database, config.root, fn);
  return runtime.withConnection(config.database, config.root, async (open) => {
    await runtime.useSchema(open, schema);
    return fn(open);
  });
}
