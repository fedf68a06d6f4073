import { existsSync } from "node:fs";
import { basename, dirname, relative, resolve } from "node:path";
import { ConfigError } from "../errors";
import { loadUserModule } from "../loader";
import { describeLoadFailure } from "../loader/load-errors";
import type { DatabaseConfig } from "../db/types";
import type { ResolvedConfig, UserConfig } from "./types";
import { validateConfig } from "./validate";

export const DEFAULT_CONFIG_FILE = "migrator.config.ts";
/** The template shipped with the package (two folders up from src/config or dist/config). */
export const PACKAGED_TEMPLATE_PATH = resolve(__dirname, "..", "..", "templates", "revision.ts.hbs");

export interface LoadConfigOptions {
  /** --config: a path relative to cwd. */
  readonly configPath?: string;
  readonly cwd?: string;
  /** --url: overrides the config's database. */
  readonly url?: string;
}

export function loadConfig(options: LoadConfigOptions = {}): ResolvedConfig {
  const cwd = options.cwd ?? process.cwd();
  const file = resolve(cwd, options.configPath ?? DEFAULT_CONFIG_FILE);
  const shown = relative(cwd, file) || basename(file);
  if (!existsSync(file)) {
    throw new ConfigError(`config file not found: ${shown}`, {
      hint: options.configPath ? "check the --config path" : "run `migrator init` to create one, or pass --config PATH",
    });
  }
  let exported: unknown;
  try {
    exported = loadUserModule(file, dirname(file), { fresh: true });
  } catch (error) {
    const { message, hint } = describeLoadFailure(error, { root: cwd, entry: file });
    throw new ConfigError(message, { hint, cause: error });
  }
  const raw = unwrapDefault(exported);
  return resolveConfig(validateConfig(raw, shown), file, options.url);
}

export function resolveConfig(user: UserConfig, file: string | null, url?: string): ResolvedConfig {
  const root = file ? dirname(file) : process.cwd();
  const migrations = user.migrations === undefined ? ["migrations"] : typeof user.migrations === "string" ? [user.migrations] : [...user.migrations];
  const projectTemplate = resolve(root, "templates", "revision.ts.hbs");
  return {
    configPath: file,
    root,
    entities: user.entities,
    migrations: migrations.map((folder) => resolve(root, folder)),
    database: pickDatabase(user.database, url),
    versionSchema: user.versionSchema ?? "public",
    versionTable: user.versionTable ?? "migrator_version",
    logTable: user.logTable ?? "migrator_log",
    template: user.template ? resolve(root, user.template) : existsSync(projectTemplate) ? projectTemplate : PACKAGED_TEMPLATE_PATH,
    fileTemplate: user.fileTemplate ?? "{rev}_{slug}",
    templateArgs: user.templateArgs ?? {},
    include: { schemas: user.include?.schemas ?? [], tables: user.include?.tables ?? [] },
    exclude: { schemas: user.exclude?.schemas ?? [], tables: user.exclude?.tables ?? [] },
    renames: user.renames ?? [],
    transactionMode: user.transactionMode ?? "per-revision",
    lockTimeout: user.lockTimeout ?? null,
    statementTimeout: user.statementTimeout ?? null,
    postWriteHook: user.postWriteHook ?? null,
  };
}

/** --url beats the config; a config without a database uses DATABASE_URL, else the embedded default. */
function pickDatabase(configured: DatabaseConfig | undefined, url: string | undefined): DatabaseConfig {
  if (url) return { url };
  if (configured) return configured;
  const fromEnv = process.env.DATABASE_URL;
  return fromEnv ? { url: fromEnv } : { embedded: ".migrator/db" };
}

function unwrapDefault(exported: unknown): unknown {
  if (typeof exported === "object" && exported !== null && "default" in exported) {
    return (exported as { default: unknown }).default;
  }
  return exported;
}
