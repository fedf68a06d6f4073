import type { DatabaseConfig } from "../db/types";
import type { Dialect } from "../dialect";
import type { RenameHint } from "../diff/types";
import type { SyncAffectingOptions } from "../entities/metadata";
import type { TargetsSetting } from "./targets";

// the differ owns the hint's shape; the config holds hints, and re-exports the type for its users
export type { RenameHint };

/** What a user writes in migrator.config.ts. Only the first three keys are needed. */
export interface UserConfig {
  /** Globs of entity files (relative to the config file), or entity classes / EntitySchemas. Optional with a DataSource. */
  readonly entities?: readonly (string | Function | object)[];
  /**
   * The project's TypeORM DataSource module (relative to the config file):
   * entities, naming strategy, prefix, schema and connection come from it.
   */
  readonly dataSource?: string;
  /** A TypeORM naming strategy instance (beats the DataSource's). */
  readonly namingStrategy?: object;
  /** Prefix of every table name, as TypeORM's `entityPrefix` (beats the DataSource's). */
  readonly entityPrefix?: string;
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
  /** Path of the .sql revision template (default: templates/revision.sql.hbs when present, else the packaged one). */
  readonly sqlTemplate?: string;
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
  /**
   * lock_timeout for the statements of each revision step, in ms: a DDL
   * statement waiting behind a long query gives up instead of queueing every
   * later query on the table, and the step is retried (ddlLockRetries).
   * 0: none. Default: 2000 with `online: true`, else none. A revision may
   * set its own (`export const ddlLockTimeout`, `-- ddl_lock_timeout:`).
   * Not `lockTimeout`, which is the wait for migrator's own advisory lock.
   */
  readonly ddlLockTimeout?: number;
  /** How many times a step that hit ddlLockTimeout is tried again (default: 5). */
  readonly ddlLockRetries?: number;
  /** The first wait before a retry, in ms; it doubles each time, jittered, up to 30 s (default: 500). */
  readonly ddlLockRetryDelay?: number;
  /** A shell command run on each written revision file; `{file}` is replaced by its path. */
  readonly postWriteHook?: string;
  /**
   * Keep TypeORM's metadata table (`typeorm_metadata`) as synchronize does:
   * revisions that create, change or drop views and generated columns also
   * write their rows, which TypeORM's own tools read (default: true).
   */
  readonly typeormMetadata?: boolean;
  /**
   * A fleet: the databases (or tenant schemas) `--all` / `--target NAME` run
   * a command across, as a list of `{ name, url, schema? }` or a function
   * returning one (called at run time, e.g. to read the tenants table).
   */
  readonly targets?: TargetsSetting;
  /** The target `revision --autogenerate` and plain `check` compare against (default: `database`). */
  readonly referenceTarget?: string;
  /**
   * Autogenerate lock-friendly forms for existing tables (README, "Online
   * migrations"): indexes CONCURRENTLY, constraints NOT VALID then validated,
   * SET NOT NULL through a check, in a second, non-transactional revision
   * (default: false; `@Index({ concurrent: true })` indexes get it anyway).
   */
  readonly online?: boolean;
}

/** The config with defaults applied and paths made absolute. */
export interface ResolvedConfig {
  /** The config file, or null when running on defaults. */
  readonly configPath: string | null;
  /** The folder paths are relative to (the config file's folder). */
  readonly root: string;
  readonly entities: readonly (string | Function | object)[];
  /** The folder relative entity globs start from: `root`, or the working directory for a DataSource's (as TypeORM). */
  readonly entitiesRoot: string;
  /** Absolute path of the DataSource module in use, or null. */
  readonly dataSource: string | null;
  /** The TypeORM options that change what synchronize builds (naming strategy, prefix, schema...). */
  readonly entityOptions: SyncAffectingOptions;
  /** TypeORM's bookkeeping table (`metadataTableName`), never compared. */
  readonly metadataTable: string;
  /** With a DataSource, the table of TypeORM's own migrations: left alone unless an entity maps to it. */
  readonly typeormMigrationsTable: string | null;
  /** Absolute folders; the first receives new revisions. */
  readonly migrations: readonly string[];
  readonly database: DatabaseConfig;
  /** What the database is: every statement and catalog read goes through it (chosen from `database`). */
  readonly dialect: Dialect;
  readonly versionSchema: string;
  readonly versionTable: string;
  readonly logTable: string;
  /** Absolute path of the template in use. */
  readonly template: string;
  /** Absolute path of the .sql revision template in use (`revision --sql`). */
  readonly sqlTemplate: string;
  readonly fileTemplate: string;
  readonly templateArgs: Readonly<Record<string, unknown>>;
  readonly include: { readonly schemas: readonly string[]; readonly tables: readonly string[] };
  readonly exclude: { readonly schemas: readonly string[]; readonly tables: readonly string[] };
  readonly renames: readonly RenameHint[];
  readonly transactionMode: "per-revision" | "all";
  readonly lockTimeout: number | null;
  readonly statementTimeout: number | null;
  /** lock_timeout of revision steps (ms), null for none: see UserConfig.ddlLockTimeout. */
  readonly ddlLockTimeout: number | null;
  readonly ddlLockRetries: number;
  readonly ddlLockRetryDelay: number;
  readonly postWriteHook: string | null;
  /** Maintain the rows of TypeORM's metadata table for views and generated columns. */
  readonly typeormMetadata: boolean;
  /** The fleet, as configured (a list is validated, a function's result when it is called). */
  readonly targets?: TargetsSetting;
  /** The target autogenerate and plain `check` compare against, when not `database`. */
  readonly referenceTarget?: string;
  /** Autogenerate the lock-friendly forms (diff/online.ts). */
  readonly online: boolean;
  /**
   * Set by a fleet for a schema-per-tenant target: revisions run in this
   * schema (their plain names, and `public.` in their SQL text, are read
   * there; see ops/operations.ts RevisionHome).
   */
  readonly tenantSchema?: string;
}
