/**
 * Builds TypeORM's entity metadata without connecting: a postgres DataSource
 * is constructed (which loads the driver but opens no pool) and only its
 * metadata build runs — the part of `initialize()` that needs no server.
 */
import type { DataSource, EntityMetadata } from "typeorm";
import { EntityError } from "../errors";
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

export async function buildOfflineDataSource(
  typeorm: TypeormModule,
  entities: readonly (Function | object)[],
  options: SyncAffectingOptions,
): Promise<DataSource> {
  const dataSourceOptions: Record<string, unknown> = {
    type: "postgres",
    entities: [...entities],
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
    throw new EntityError(`TypeORM could not set up a postgres data source: ${firstLine(error)}`, {
      hint: "is the `pg` package installed in the project?",
      cause: error,
    });
  }
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

/** TypeORM's messages often span lines; ours are one line. */
export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s+/g, " ").trim();
}

export function entityLabel(metadata: EntityMetadata): string {
  const target = metadata.target;
  return typeof target === "function" ? target.name : String(target);
}
