/**
 * Builds TypeORM's entity metadata without connecting: a DataSource of the
 * dialect's driver type is constructed (which loads the driver but opens no
 * pool) and only its metadata build runs — the part of `initialize()` that
 * needs no server. The mysql driver's type mapping also depends on what
 * `connect()` would learn (the server's version): it is told that instead.
 */
import type { DataSource, EntityMetadata } from "typeorm";
import { EntityError } from "../errors";
import type { TypeormDriverType } from "../model/dialect-types";
import { withTypeormShortcuts } from "../speedups/typeorm-metadata-build";

/** The typeorm module resolved from the user's project (shares its metadata storage with the decorators). */
export type TypeormModule = Pick<typeof import("typeorm"), "DataSource" | "Table">;

/** DataSource options that change what synchronize creates; everything else is ignored. */
export interface SyncAffectingOptions {
  /** Default schema of the DataSource (`schema` option); changes constraint names of tables outside it. */
  readonly schema?: string;
  /** A custom naming strategy instance, as given to the DataSource. */
  readonly namingStrategy?: unknown;
  /** Prefix of every table name (DataSource `entityPrefix`). */
  readonly entityPrefix?: string;
  /** `uuid-ossp` (default) or `pgcrypto`: picks uuid_generate_v4() or gen_random_uuid(). */
  readonly uuidExtension?: "uuid-ossp" | "pgcrypto";
  /** Extra extensions synchronize installs (DataSource `extensions` option). */
  readonly extensions?: readonly string[];
  /** `false` stops TypeORM from installing any extension. */
  readonly installExtensions?: boolean;
  /** `true`: TypeORM builds metadata without calling entity constructors (ones that need arguments would throw). */
  readonly entitySkipConstructor?: boolean;
}

/** The TypeORM driver the entities are read through, as synchronize would have it connected. */
export interface EntityDriver {
  readonly type: TypeormDriverType;
  /** The server's version (`10.11.6`, `8.0.36`): the mysql driver maps json and uuid by it. */
  readonly version?: string;
}

export async function buildOfflineDataSource(
  typeorm: TypeormModule,
  entities: readonly (Function | object)[],
  options: SyncAffectingOptions,
  driver: EntityDriver = { type: "postgres" },
): Promise<DataSource> {
  const dataSourceOptions: Record<string, unknown> = {
    type: driver.type,
    entities: [...entities],
    // the mysql driver's validator wants a database when no entity names one; no connection is made
    ...(driver.type === "postgres" ? {} : { database: "migrator_offline" }),
  };
  for (const [key, value] of Object.entries(options)) {
    if (value !== undefined) dataSourceOptions[key] = value;
  }
  // TypeORM 0.2 has Connection and no DataSource: say so, not "cannot construct"
  if (typeof typeorm.DataSource !== "function") {
    throw new EntityError("the project's TypeORM has no DataSource class (TypeORM 0.2 or older); migrator reads entities through TypeORM 0.3 or later", {
      hint: "upgrade typeorm in the project (npm install typeorm@latest), or remove it to use the one migrator ships with",
    });
  }
  let dataSource: DataSource;
  try {
    dataSource = new typeorm.DataSource(dataSourceOptions as unknown as ConstructorParameters<typeof typeorm.DataSource>[0]);
  } catch (error) {
    throw new EntityError(`TypeORM could not set up a ${driver.type} data source: ${firstLine(error)}`, {
      hint: `is the \`${driver.type === "postgres" ? "pg" : "mysql2"}\` package installed in the project?`,
      cause: error,
    });
  }
  if (driver.type !== "postgres") learnServerVersion(dataSource, driver);
  try {
    // protected in the typings, public at run time: it is what initialize() runs after connecting
    const build = (): Promise<void> => (dataSource as unknown as { buildMetadatas(): Promise<void> }).buildMetadatas();
    await withTypeormShortcuts(typeorm, build);
  } catch (error) {
    throw new EntityError(`TypeORM rejected the entities: ${firstLine(error)}`, {
      hint: "fix the entity named above; TypeORM's own message is quoted",
      cause: error,
    });
  }
  return dataSource;
}

/**
 * What the mysql driver's `connect()` sets from the server's version, set
 * here without connecting (MysqlDriver.connect, TypeORM 0.3 and 1.x): json
 * stays json from MariaDB 10.4.3, uuid is a native type from MariaDB 10.7.
 */
function learnServerVersion(dataSource: DataSource, driver: EntityDriver): void {
  if (driver.version === undefined) return;
  const mysqlDriver = dataSource.driver as unknown as { version?: string; uuidColumnTypeSuported?: boolean };
  mysqlDriver.version = driver.version;
  if (driver.type === "mariadb") mysqlDriver.uuidColumnTypeSuported = atLeast(driver.version, [10, 7, 0]);
}

function atLeast(version: string, wanted: readonly number[]): boolean {
  const parts = version.split(/[.-]/).map((part) => Number.parseInt(part, 10));
  for (let i = 0; i < wanted.length; i += 1) {
    const part = Number.isNaN(parts[i] ?? Number.NaN) ? 0 : parts[i]!;
    if (part !== wanted[i]) return part > wanted[i]!;
  }
  return true;
}

/** TypeORM's messages often span lines; ours are one line. */
export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s+/g, " ").trim();
}

export function entityLabel(metadata: EntityMetadata): string {
  const target = metadata.target;
  return typeof target === "function" ? target.name : String(target);
}
