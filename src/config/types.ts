import type { DatabaseConfig } from "../db/types";

/** A rename hint for autogenerate: a drop+add pair becomes a rename. */
export type RenameHint =
  | { readonly table: string; readonly to: string }
  | { readonly table: string; readonly column: string; readonly to: string };

/** What a user writes in migrator.config.ts. Only the first three keys are needed. */
export interface UserConfig {
  /** Globs of entity files (relative to the config file), or entity classes / EntitySchemas. */
  readonly entities: readonly (string | Function | object)[];
  /** Folder of revision files; several folders are allowed (the first gets new revisions). */
  readonly migrations?: string | readonly string[];
  readonly database?: DatabaseConfig;
  /** Schema of the version and log tables (default: public). */
  readonly versionSchema?: string;
  /** Name of the version table (default: migrator_version). */
  readonly versionTable?: string;
  /** Name of the log table (default: migrator_log). */
  readonly logTable?: string;
  /** Path of the revision template (default: templates/revision.ts.hbs when present, else the packaged one). */
  readonly template?: string;
  /** File name of new revisions; tokens {rev} {slug} {year} {month} {day} {hour} {minute} {second}. */
  readonly fileTemplate?: string;
  /** Extra variables handed to the template. */
  readonly templateArgs?: Readonly<Record<string, unknown>>;
  /** Schema / table filters for comparison (names or simple `*` globs). */
  readonly include?: { readonly schemas?: readonly string[]; readonly tables?: readonly string[] };
  readonly exclude?: { readonly schemas?: readonly string[]; readonly tables?: readonly string[] };
  /** Rename hints for autogenerate. */
  readonly renames?: readonly RenameHint[];
  /** per-revision (default): each revision in its own transaction; all: the whole plan in one. */
  readonly transactionMode?: "per-revision" | "all";
  /** How long to wait for the migration lock, in ms (default: wait forever). */
  readonly lockTimeout?: number;
  /** statement_timeout for migration statements, in ms (default: none). */
  readonly statementTimeout?: number;
  /** A shell command run on each written revision file; `{file}` is replaced by its path. */
  readonly postWriteHook?: string;
}

/** The config with defaults applied and paths made absolute. */
export interface ResolvedConfig {
  /** The config file, or null when running on defaults. */
  readonly configPath: string | null;
  /** The folder paths are relative to (the config file's folder). */
  readonly root: string;
  readonly entities: readonly (string | Function | object)[];
  /** Absolute folders; the first receives new revisions. */
  readonly migrations: readonly string[];
  readonly database: DatabaseConfig;
  readonly versionSchema: string;
  readonly versionTable: string;
  readonly logTable: string;
  /** Absolute path of the template in use. */
  readonly template: string;
  readonly fileTemplate: string;
  readonly templateArgs: Readonly<Record<string, unknown>>;
  readonly include: { readonly schemas: readonly string[]; readonly tables: readonly string[] };
  readonly exclude: { readonly schemas: readonly string[]; readonly tables: readonly string[] };
  readonly renames: readonly RenameHint[];
  readonly transactionMode: "per-revision" | "all";
  readonly lockTimeout: number | null;
  readonly statementTimeout: number | null;
  readonly postWriteHook: string | null;
}
