/**
 * The commands as a library: `createMigrator({ ... })` returns an object whose
 * async methods return what the CLI prints with `--json` and throw the same
 * typed errors (MigratorError and its kinds). Each command's modules load on
 * first use, so importing the package stays as cheap as importing
 * `defineConfig`.
 */
import type { ResolvedConfig, UserConfig } from "../config/types";
import type { LockRetry } from "../runtime/lock-retry";
import type { AutogenerateResult } from "../commands/autogenerate";
import type { CheckResult } from "../commands/check";
import type { CurrentResult } from "../commands/current";
import type { HeadsResult } from "../commands/heads";
import type { HistoryResult } from "../commands/history";
import type { LogResult } from "../commands/log";
import type { RevisionResult } from "../commands/revision";
import type { StampResult } from "../commands/stamp";
import type { StatusResult } from "../commands/status";
import type { ValidateResult } from "../commands/validate";
import type { BackfillProgress } from "../runtime/backfill";
import type { FleetProgress, FleetReport } from "../fleet/types";
import type { MigrateResult } from "../runtime/migrate";
import type { TargetTask } from "../fleet/fleet";
import { UsageError } from "../errors";

export interface CreateMigratorOptions {
  /** A config file, relative to `cwd` (default: migrator.config.ts there). */
  readonly configPath?: string;
  /** The config itself, instead of a file; relative paths in it are relative to `cwd`. */
  readonly config?: UserConfig;
  /** A database URL that overrides the config's, as `--url` does. */
  readonly url?: string;
  /** The folder the project lives in (default: process.cwd()). */
  readonly cwd?: string;
  /** Progress lines (lock waits, finished steps, backfill progress); ignored when absent. */
  readonly onProgress?: (line: string) => void;
}

export interface MigrateCallOptions {
  /** Run inside a transaction that is rolled back; report what ran. */
  readonly dryRun?: boolean;
  /** Offline: the result's `sql` holds the script, nothing runs. */
  readonly sql?: boolean;
  readonly lockTimeout?: number;
  /** Each try of a step that gave up waiting for a lock (ddlLockTimeout), awaited before the pause that follows it. */
  readonly onLockRetry?: (retry: LockRetry) => Promise<void> | void;
  /** Called (and awaited) after each committed batch of an op.backfill; its lines go to onProgress too. */
  readonly onBackfill?: (progress: BackfillProgress) => void | Promise<void>;
}

export interface RevisionCallOptions {
  readonly message: string;
  /** Fill the revision from the difference between the entities and the database. */
  readonly autogenerate?: boolean;
  /** With autogenerate: write a revision even when nothing changed. */
  readonly allowEmpty?: boolean;
  readonly head?: string;
  readonly branchLabel?: string | readonly string[];
  readonly dependsOn?: readonly string[];
  readonly revId?: string;
  /** Write an .sql revision (with autogenerate: the operations as SQL). */
  readonly sqlFile?: boolean;
}

/** Which of the config's targets a fleet runs on, and how (the CLI's --target, --concurrency, --fail-fast, --canary). */
export interface FleetCallOptions {
  /** Names or globs (`eu-*`) of targets; all of them when absent. */
  readonly targets?: readonly string[];
  /** Targets run at once (default 4). */
  readonly concurrency?: number;
  readonly failFast?: boolean;
  readonly canary?: number;
  /** Called whenever a target starts or ends. */
  readonly onProgress?: (progress: FleetProgress) => void;
}

/**
 * The commands across a fleet: each resolves to the report `--all --json`
 * prints (a row per target, a failed target's error in its row: a target's
 * failure never rejects the call). A target off the heads, drifting or
 * with a changed file counts as `attention`, as with `status --check`.
 */
export interface FleetMigrator {
  upgrade(target?: string, options?: Omit<MigrateCallOptions, "sql">): Promise<FleetReport<MigrateResult>>;
  downgrade(target: string, options?: Omit<MigrateCallOptions, "sql">): Promise<FleetReport<MigrateResult>>;
  current(): Promise<FleetReport<CurrentResult>>;
  status(): Promise<FleetReport<StatusResult>>;
  check(): Promise<FleetReport<CheckResult>>;
  validate(): Promise<FleetReport<ValidateResult>>;
  log(limit?: number): Promise<FleetReport<LogResult>>;
  stamp(target: string | readonly string[], options?: { purge?: boolean }): Promise<FleetReport<StampResult>>;
}

export interface Migrator {
  upgrade(target?: string, options?: MigrateCallOptions): Promise<MigrateResult>;
  downgrade(target: string, options?: MigrateCallOptions): Promise<MigrateResult>;
  current(): Promise<CurrentResult>;
  history(range?: string): Promise<HistoryResult>;
  heads(): Promise<HeadsResult>;
  check(): Promise<CheckResult>;
  status(): Promise<StatusResult>;
  validate(): Promise<ValidateResult>;
  /** The applied steps, newest first. */
  log(limit?: number): Promise<LogResult>;
  stamp(target: string | readonly string[], options?: { purge?: boolean }): Promise<StampResult>;
  /** A new revision file; with `autogenerate`, its revision is null when nothing changed. */
  revision(options: RevisionCallOptions): Promise<RevisionResult | AutogenerateResult>;
  /** The same commands across the config's `targets` (`--all` / `--target`). */
  fleet(options?: FleetCallOptions): FleetMigrator;
  /** The resolved config the methods use. */
  config(): Promise<ResolvedConfig>;
}

export function createMigrator(options: CreateMigratorOptions = {}): Migrator {
  let resolved: Promise<ResolvedConfig> | undefined;
  const config = (): Promise<ResolvedConfig> => {
    resolved ??= resolveApiConfig(options);
    return resolved;
  };
  const notify = options.onProgress;
  // what check and autogenerate compare with: the reference target, unless a url overrides it (as --url does)
  const reference = async (): Promise<ResolvedConfig> => {
    const resolvedConfig = await config();
    if (options.url !== undefined || resolvedConfig.referenceTarget === undefined) return resolvedConfig;
    const { referenceConfig } = await import("../fleet/reference");
    return referenceConfig(resolvedConfig);
  };
  return {
    config,
    fleet: (call = {}) => fleetMigrator(config, options, call),
    async upgrade(target = "head", call = {}) {
      const { upgrade } = await import("../commands/upgrade");
      return upgrade(await config(), { target, ...call, notify });
    },
    async downgrade(target, call = {}) {
      const { downgrade } = await import("../commands/downgrade");
      return downgrade(await config(), { target, ...call, notify });
    },
    async current() {
      const { current } = await import("../commands/current");
      return current(await config());
    },
    async history(range) {
      const { history } = await import("../commands/history");
      return history(await config(), { range, verbose: true });
    },
    async heads() {
      const { heads } = await import("../commands/heads");
      return heads(await config(), { verbose: true });
    },
    async check() {
      const { check } = await import("../commands/check");
      return check(await reference());
    },
    async status() {
      const { status } = await import("../commands/status");
      return status(await config());
    },
    async validate() {
      const { validate } = await import("../commands/validate");
      return validate(await config());
    },
    async log(limit) {
      const { log } = await import("../commands/log");
      return log(await config(), { limit });
    },
    async stamp(target, call = {}) {
      const { stamp } = await import("../commands/stamp");
      return stamp(await config(), { targets: typeof target === "string" ? [target] : [...target], purge: call.purge, notify });
    },
    async revision(call) {
      const { autogenerate: auto, allowEmpty, ...common } = call;
      if (auto) {
        const { autogenerate } = await import("../commands/autogenerate");
        return autogenerate(await reference(), { ...common, allowEmpty });
      }
      const { revision } = await import("../commands/revision");
      return revision(await config(), common);
    },
  };
}

async function resolveApiConfig(options: CreateMigratorOptions): Promise<ResolvedConfig> {
  const cwd = options.cwd ?? process.cwd();
  const { loadConfig, resolveConfig } = await import("../config/load");
  if (options.config === undefined) return loadConfig({ configPath: options.configPath, cwd, url: options.url });
  const { validateConfig } = await import("../config/validate");
  const { join, relative, resolve } = await import("node:path");
  const user = validateConfig(options.config, "the config given to createMigrator");
  let dataSource = null;
  if (user.dataSource !== undefined) {
    const { loadDataSource } = await import("../data-source/load");
    const file = resolve(cwd, user.dataSource);
    dataSource = loadDataSource(file, relative(cwd, file) || file, cwd, "dataSource");
  }
  // paths in an inline config are relative to cwd, as if the file lived there
  return resolveConfig(user, join(cwd, "(createMigrator)"), options.url, { cwd, dataSource });
}

function fleetMigrator(config: () => Promise<ResolvedConfig>, options: CreateMigratorOptions, call: FleetCallOptions): FleetMigrator {
  const run = async <T>(command: string, task: () => Promise<TargetTask<T>>): Promise<FleetReport<T>> => {
    if (options.url !== undefined) throw new UsageError("a fleet runs on the config's targets: createMigrator's url does not go with fleet()");
    const { runFleet } = await import("../fleet/fleet");
    const patterns = call.targets === undefined ? undefined : [...call.targets];
    return runFleet(await config(), command, { all: patterns === undefined, patterns }, await task(), {
      concurrency: call.concurrency,
      failFast: call.failFast,
      canary: call.canary,
      onProgress: call.onProgress,
      notify: options.onProgress,
    });
  };
  const tasks = (): Promise<typeof import("../fleet/tasks")> => import("../fleet/tasks");
  return {
    upgrade: (target = "head", migrate = {}) => run("upgrade", async () => (await tasks()).migrateTask("up", { target, ...migrate })),
    downgrade: (target, migrate = {}) => run("downgrade", async () => (await tasks()).migrateTask("down", { target, ...migrate })),
    current: () => run("current", async () => (await tasks()).currentTask(true)),
    status: () => run("status", async () => (await tasks()).statusTask(true)),
    check: () => run("check", async () => (await tasks()).checkTask),
    validate: () => run("validate", async () => (await tasks()).validateTask),
    log: (limit) => run("log", async () => (await tasks()).logTask(limit)),
    stamp: (target, stamp = {}) => run("stamp", async () => (await tasks()).stampTask({ targets: typeof target === "string" ? [target] : [...target], purge: stamp.purge })),
  };
}
