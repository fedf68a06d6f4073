import { existsSync, readFileSync, realpathSync, statSync } from "node:fs";
import Module, { createRequire } from "node:module";
import { basename, dirname, extname, relative, resolve } from "node:path";
import vm from "node:vm";
import { ConfigError } from "../errors";
import { isCompiledByUs, loadUserModule, useProjectCache } from "../loader";
import { describeLoadFailure } from "../loader/load-errors";
import { createCache, optionsKey, transpile } from "../loader/transpile";
import { assertDataSourceExists, loadDataSource, type DataSourceSettings } from "../data-source/load";
import type { DatabaseConfig, ServerConnection } from "../db/types";
import { dialectFor } from "../dialect";
import type { ResolvedConfig, UserConfig } from "./types";
import { compileSealed } from "./sealed-cache";
import { validateConfig } from "./validate";

export const DEFAULT_CONFIG_FILE = "migrator.config.ts";
/** The template shipped with the package (two folders up from src/config or dist/config). */
export const PACKAGED_TEMPLATE_PATH = resolve(__dirname, "..", "..", "templates", "revision.ts.hbs");
/** The packaged template of .sql revisions, beside the .ts one. */
export const PACKAGED_SQL_TEMPLATE_PATH = resolve(__dirname, "..", "..", "templates", "revision.sql.hbs");

export interface LoadConfigOptions {
  /** --config: a path relative to cwd. */
  readonly configPath?: string;
  readonly cwd?: string;
  /** --url: overrides the config's database. */
  readonly url?: string;
  /** --data-source: a DataSource module, relative to cwd; beats the config's `dataSource`. */
  readonly dataSource?: string;
  /**
   * For commands that read only the revision files (heads, history, show...):
   * the DataSource module is not run, so its side effects and its demands
   * (environment variables, a driver) do not stop them; entities are left empty.
   */
  readonly graphOnly?: boolean;
}

export function loadConfig(options: LoadConfigOptions = {}): ResolvedConfig {
  const cwd = options.cwd ?? process.cwd();
  const file = resolve(cwd, options.configPath ?? DEFAULT_CONFIG_FILE);
  const shown = relative(cwd, file) || basename(file);
  const flag = options.dataSource;
  let user: UserConfig = {};
  let configFile: string | null = file;
  if (!existsSync(file)) {
    // a project with only its DataSource needs no config: defaults for everything else
    if (flag === undefined || options.configPath !== undefined) {
      throw new ConfigError(`config file not found: ${shown}`, {
        hint: options.configPath ? "check the --config path" : "run `migrator init` to create one, pass --config PATH, or --data-source PATH",
      });
    }
    configFile = null;
  } else if (statSync(file).isDirectory()) {
    // else the loader's "cannot resolve <folder>" is all the user sees (also for a bare `--config`)
    throw new ConfigError(`${options.configPath !== undefined ? `--config ${JSON.stringify(options.configPath)}` : shown} is a folder, not a config file`, {
      hint: "pass the config file itself, e.g. --config migrator.config.ts",
    });
  } else {
    let exported: unknown;
    try {
      exported = loadConfigModule(file);
    } catch (error) {
      const { message, hint } = describeLoadFailure(error, { root: cwd, entry: file });
      throw new ConfigError(message, { hint, cause: error });
    }
    user = validateConfig(unwrapDefault(exported), shown, { dataSourceGiven: flag !== undefined });
  }
  const root = configFile ? dirname(configFile) : cwd;
  const dataSourceFile = flag !== undefined ? resolve(cwd, flag) : user.dataSource !== undefined ? resolve(root, user.dataSource) : null;
  const dataSourceShown = dataSourceFile ? relative(cwd, dataSourceFile) || basename(dataSourceFile) : "";
  const dataSourceFrom = flag !== undefined ? "--data-source" : "dataSource";
  if (dataSourceFile && options.graphOnly) assertDataSourceExists(dataSourceFile, dataSourceShown, dataSourceFrom);
  const dataSource = dataSourceFile && !options.graphOnly
    ? loadDataSource(dataSourceFile, dataSourceShown, root, dataSourceFrom)
    : null;
  return resolveConfig(user, configFile, options.url, { cwd, dataSource, graphOnly: options.graphOnly });
}

export interface ResolveContext {
  /** The working directory: the root without a config file, and where a DataSource's entity globs start. */
  readonly cwd?: string;
  readonly dataSource?: DataSourceSettings | null;
  /** The DataSource was left unread (LoadConfigOptions.graphOnly): no entities is not an error. */
  readonly graphOnly?: boolean;
}

export function resolveConfig(user: UserConfig, file: string | null, url?: string, context: ResolveContext = {}): ResolvedConfig {
  const cwd = context.cwd ?? process.cwd();
  const root = file ? dirname(file) : cwd;
  const dataSource = context.dataSource ?? null;
  const migrations = user.migrations === undefined ? ["migrations"] : typeof user.migrations === "string" ? [user.migrations] : [...user.migrations];
  const projectTemplate = resolve(root, "templates", "revision.ts.hbs");
  const projectSqlTemplate = resolve(root, "templates", "revision.sql.hbs");
  const entities = user.entities ?? dataSource?.entities;
  if (entities === undefined && !context.graphOnly) {
    throw new ConfigError("no entities: set `entities` or `dataSource` in migrator.config.ts", { hint: "or pass --data-source PATH" });
  }
  const database = pickDatabase(user.database, url, dataSource?.connection ?? null);
  if (dataSource !== null && dataSource.type !== "postgres" && "embedded" in database) {
    // the embedded database is PostgreSQL: entities read for MySQL would be compared with it
    throw new ConfigError(`${relative(cwd, dataSource.file) || dataSource.file} is a DataSource of type "${dataSource.type}" without connection options`, {
      hint: `give the DataSource its host, port, username and database, or pass --url ${dataSource.type}://user@host:3306/database`,
    });
  }
  return {
    configPath: file,
    root,
    entities: entities ?? [],
    // TypeORM globs a DataSource's entity paths from the working directory
    entitiesRoot: user.entities === undefined ? cwd : root,
    dataSource: dataSource?.file ?? null,
    entityOptions: {
      ...dataSource?.schemaOptions,
      ...(user.namingStrategy !== undefined ? { namingStrategy: user.namingStrategy } : {}),
      ...(user.entityPrefix !== undefined ? { entityPrefix: user.entityPrefix } : {}),
    },
    metadataTable: dataSource?.metadataTableName ?? "typeorm_metadata",
    typeormMigrationsTable: dataSource?.migrationsTableName ?? null,
    migrations: migrations.map((folder) => resolve(root, folder)),
    database,
    dialect: dialectFor(database),
    versionSchema: user.versionSchema ?? "public",
    versionTable: user.versionTable ?? "migrator_version",
    logTable: user.logTable ?? "migrator_log",
    template: user.template ? resolve(root, user.template) : existsSync(projectTemplate) ? projectTemplate : PACKAGED_TEMPLATE_PATH,
    sqlTemplate: user.sqlTemplate ? resolve(root, user.sqlTemplate) : existsSync(projectSqlTemplate) ? projectSqlTemplate : PACKAGED_SQL_TEMPLATE_PATH,
    fileTemplate: user.fileTemplate ?? "{rev}_{slug}",
    templateArgs: user.templateArgs ?? {},
    include: { schemas: user.include?.schemas ?? [], tables: user.include?.tables ?? [] },
    exclude: { schemas: user.exclude?.schemas ?? [], tables: user.exclude?.tables ?? [] },
    renames: user.renames ?? [],
    transactionMode: user.transactionMode ?? "per-revision",
    lockTimeout: user.lockTimeout ?? null,
    statementTimeout: user.statementTimeout ?? null,
    ddlLockTimeout: ddlLockTimeoutOf(user),
    ddlLockRetries: user.ddlLockRetries ?? DEFAULT_DDL_LOCK_RETRIES,
    ddlLockRetryDelay: user.ddlLockRetryDelay ?? DEFAULT_DDL_LOCK_RETRY_DELAY,
    postWriteHook: user.postWriteHook ?? null,
    typeormMetadata: user.typeormMetadata ?? true,
    ...(user.targets !== undefined ? { targets: user.targets } : {}),
    ...(user.referenceTarget !== undefined ? { referenceTarget: user.referenceTarget } : {}),
    online: user.online ?? false,
  };
}

/** What `online: true` brings when ddlLockTimeout is not set: long enough for a busy table's short queries. */
export const ONLINE_DDL_LOCK_TIMEOUT = 2000;
const DEFAULT_DDL_LOCK_RETRIES = 5;
const DEFAULT_DDL_LOCK_RETRY_DELAY = 500;

/** The project's DDL lock_timeout: set (0 is none), else the online default, else none. */
function ddlLockTimeoutOf(user: UserConfig): number | null {
  const ms = user.ddlLockTimeout ?? (user.online === true ? ONLINE_DDL_LOCK_TIMEOUT : 0);
  return ms > 0 ? ms : null;
}

/**
 * Most explicit first: --url, the config's `database`, DATABASE_URL, the
 * DataSource's connection options, else the embedded default.
 */
function pickDatabase(configured: DatabaseConfig | undefined, url: string | undefined, fromDataSource: ServerConnection | null): DatabaseConfig {
  if (url) return { url };
  if (configured) return configured;
  const fromEnv = process.env.DATABASE_URL;
  if (fromEnv) return { url: fromEnv };
  return fromDataSource ? { server: fromDataSource } : { embedded: ".migrator/db" };
}

/**
 * The config file's exports. It is compiled here rather than required: it
 * may hold a literal password, and require would keep its transpiled text
 * in .migrator/cache/ts and its bytecode in the CLI's code cache (or Node's
 * compile cache), both on disk in the clear. Its compiled text is kept
 * sealed instead (sealed-cache.ts): compiling it meant loading swc on every
 * run. Files it requires go through the usual hook.
 */
function loadConfigModule(file: string): unknown {
  const root = dirname(file);
  const extension = extname(file);
  if (!isCompiledByUs(file) && extension !== ".js" && extension !== ".cjs") return loadUserModule(file, root, { fresh: true });
  // as loadUserModule does: what the config requires (entities, "typeorm-migrator") compiles through the hook
  const real = realpathSync.native(file);
  const source = readFileSync(real, "utf8");
  const cache = useProjectCache(root).dir;
  const code = isCompiledByUs(real)
    ? compileSealed(real, source, () => transpile(source, real, createCache(null)), { projectCache: cache === null ? null : dirname(cache), compilerKey: optionsKey })
    : source;
  let wrapper: (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void;
  try {
    wrapper = vm.runInThisContext(Module.wrap(code.startsWith("#!") ? `//${code.slice(2)}` : code), { filename: real }) as typeof wrapper;
  } catch (error) {
    // JavaScript that is not CommonJS (an ES module): Node's loader says what it says about it
    if (!isCompiledByUs(real) && error instanceof SyntaxError) return loadUserModule(file, root, { fresh: true });
    throw error;
  }
  // a module as require would make it (module.require, module.paths), only never in require's cache
  const module = new Module(real);
  module.filename = real;
  module.paths = (Module as unknown as { _nodeModulePaths(from: string): string[] })._nodeModulePaths(dirname(real));
  wrapper.call(module.exports, module.exports, createRequire(real), module, real, dirname(real));
  module.loaded = true;
  return module.exports;
}

function unwrapDefault(exported: unknown): unknown {
  if (typeof exported === "object" && exported !== null && "default" in exported) {
    return (exported as { default: unknown }).default;
  }
  return exported;
}
