/**
 * What migrator takes from a DataSource's options: everything that decides
 * the schema `synchronize` would build, and where to connect. The rest
 * (logging, pools, migrations, subscribers, cache...) is TypeORM's business.
 */
import type { ServerConnection } from "../db/types";
import { knownDataSourceType } from "../dialect";
import { ConfigError } from "../errors";
import type { SyncAffectingOptions } from "../entities/metadata";

export interface DataSourceSettings {
  /** Absolute path of the module. */
  readonly file: string;
  /** Entity classes, EntitySchemas and globs, as listed (an object of entities is flattened as TypeORM does). */
  readonly entities: readonly (string | Function | object)[];
  readonly schemaOptions: SyncAffectingOptions;
  /** TypeORM's own bookkeeping table (views, generated columns): never compared. */
  readonly metadataTableName: string | undefined;
  /** The table TypeORM's own migrations are recorded in (`migrationsTableName`, default `migrations`). */
  readonly migrationsTableName: string;
  /** Null when the options name no server at all. */
  readonly connection: ServerConnection | null;
  /** The DataSource's `type`: which database (and dialect) it is for. */
  readonly type: "postgres" | "mysql" | "mariadb";
}

export function settingsFrom(options: Readonly<Record<string, unknown>>, file: string, shown: string): DataSourceSettings {
  const type = options.type;
  if (!knownDataSourceType(type)) {
    throw new ConfigError(`${shown} is a DataSource of type "${String(type)}"; migrator supports "postgres", "mysql" and "mariadb"`, {
      hint: "point --data-source at a PostgreSQL, MySQL or MariaDB DataSource",
    });
  }
  const schemaOptions: Record<string, unknown> = {};
  // entitySkipConstructor too: without it TypeORM's metadata build calls each entity's constructor with no arguments
  for (const key of ["namingStrategy", "entityPrefix", "schema", "uuidExtension", "extensions", "installExtensions", "entitySkipConstructor"] as const) {
    if (options[key] !== undefined) schemaOptions[key] = options[key];
  }
  return {
    file,
    entities: entityList(options.entities),
    schemaOptions: schemaOptions as SyncAffectingOptions,
    metadataTableName: typeof options.metadataTableName === "string" ? options.metadataTableName : undefined,
    migrationsTableName: typeof options.migrationsTableName === "string" ? options.migrationsTableName : "migrations",
    connection: connectionFrom(options, type),
    type,
  };
}

/** TypeORM's `mixedListToArray`: a list as is, an object by its values. */
function entityList(entities: unknown): (string | Function | object)[] {
  if (entities === undefined || entities === null) return [];
  const list = Array.isArray(entities) ? entities : typeof entities === "object" ? Object.values(entities) : [entities];
  return list.filter((e): e is string | Function | object => typeof e === "string" || typeof e === "function" || (typeof e === "object" && e !== null));
}

/** The credentials TypeORM's driver connects with: the replication master's when there is one. */
function connectionFrom(options: Readonly<Record<string, unknown>>, type: string): ServerConnection | null {
  const replication = options.replication as { master?: Record<string, unknown> } | undefined;
  const credentials = replication?.master ?? options;
  const connection: Record<string, unknown> = {};
  const text = (key: string): string | undefined => (typeof credentials[key] === "string" && credentials[key] !== "" ? (credentials[key] as string) : undefined);
  if (text("url")) connection.url = text("url");
  if (text("host")) connection.host = text("host");
  if (typeof credentials.port === "number") connection.port = credentials.port;
  else if (typeof credentials.port === "string" && /^\d+$/.test(credentials.port)) connection.port = Number(credentials.port);
  if (text("username")) connection.user = text("username");
  if (typeof credentials.password === "string" || typeof credentials.password === "function") connection.password = credentials.password;
  if (text("database")) connection.database = text("database");
  if (Object.keys(connection).length === 0) return null;
  // absent means PostgreSQL, so a postgres DataSource's connection reads as before
  if (type !== "postgres") connection.type = type;
  if (credentials.ssl !== undefined && credentials.ssl !== null) connection.ssl = credentials.ssl;
  return connection as ServerConnection;
}
