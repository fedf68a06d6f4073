/**
 * The entity reader: TypeORM entities -> the RAW schema model, i.e. exactly
 * what TypeORM's `synchronize` would create on an empty database, spelled the
 * way TypeORM spells it in its DDL. The dialect's `normalise` turns it canonical.
 *
 * Raw spelling conventions (what normalise can rely on):
 * - column type: TypeORM's `createFullType` (`character varying(255)`,
 *   `numeric(10,2)`, `TIMESTAMP(3) WITH TIME ZONE`, `TIMESTAMP`, `integer`),
 *   with ` array` rewritten to `[]`; enums as `"schema"."name"` (`[]` for
 *   arrays); serial columns as their base type (`integer`/`smallint`/`bigint`)
 *   with `serial: true`; identity columns as their type with `identity` set.
 * - default: `driver.normalizeDefault` verbatim (`'0'`, `'-12.5'`, `true`,
 *   `now()`, `'{a,b}'`, `'{"k":1}'`, `('now'::text)::date`, or the function
 *   text as written); null for serial and identity columns; a generated uuid
 *   without an explicit default gets the uuid extension's generator.
 * - checks, index predicates, generated expressions, exclusion bodies and view
 *   definitions: the text given in the decorators, untouched.
 * - every schema is explicit: objects with no schema get `defaultSchema`.
 * - tables, views, enums sorted by (schema, name); columns in TypeORM's order;
 *   constraints and indexes in TypeORM's order.
 */
import type { DataSource, EntityMetadata } from "typeorm";
import { DEFAULT_SCHEMA, qualifiedKey } from "../model/types";
import type { EnumModel, QualifiedName, SchemaModel, TableModel, ViewModel } from "../model/types";
import { byQualifiedName } from "../model/names";
import { assertNoDuplicates } from "../model/no-duplicates";
import { readColumn } from "./columns";
import type { DeclaredDefault, EntityDialect, EnumUse, TableContext } from "./columns";
import { readChecks, readExclusions, readForeignKeys, readIndexes, readPrimaryKey, readUniques } from "./constraints";
import { declarationLabels } from "./declarations";
import { readExtensions } from "./extensions";
import { checkIdentifierLengths } from "./identifier-length";
import { buildOfflineDataSource } from "./metadata";
import type { EntityDriver, SyncAffectingOptions, TypeormModule } from "./metadata";
import { readMysqlTable } from "./mysql-table";
import { onePerName, type Declared } from "./one-per-name";
import { oneEnumPerName } from "./one-enum-per-name";
import { assertRelationNamesOnce } from "./relation-names";
import { readView } from "./views";

export type { EntityDriver, SyncAffectingOptions, TypeormModule } from "./metadata";
export type { EntityDialect } from "./columns";

export interface ReadEntityModelOptions {
  /** The typeorm module of the user's project: `require("typeorm")` resolved from there. */
  readonly typeorm: TypeormModule;
  /** Schema that unqualified objects land in (the first of search_path). Default `public`. */
  readonly defaultSchema?: string;
  /** DataSource options that change what synchronize creates (naming strategy, schema, uuid extension...). */
  readonly dataSource?: SyncAffectingOptions;
  /** The database the entities are for (`postgres`): its literals, its spelling of enum types, its identifier limit. */
  readonly dialect: EntityDialect;
  /** The driver as synchronize would connect it; default: the dialect's TypeORM type, version unknown. */
  readonly typeormDriver?: EntityDriver;
}

export interface EntityModel {
  /** What synchronize would create, in TypeORM's spelling. */
  readonly model: SchemaModel;
  /**
   * Tables and views of `synchronize: false` entities: synchronize leaves them
   * alone, so the caller should leave them out of introspection too.
   */
  readonly unmanaged: readonly QualifiedName[];
  /** Indexes declared `@Index({ concurrent: true })`, as (table schema, index name): autogenerate builds them CONCURRENTLY. */
  readonly concurrentIndexes: readonly QualifiedName[];
  /** Things the user should look at, such as one table declared differently by several entities. */
  readonly warnings: readonly string[];
}

export async function readEntityModel(
  entities: readonly (Function | object)[],
  options: ReadEntityModelOptions,
): Promise<EntityModel> {
  const syncOptions = options.dataSource ?? {};
  const defaultSchema = syncOptions.schema ?? options.defaultSchema ?? DEFAULT_SCHEMA;
  const driver = options.typeormDriver ?? { type: options.dialect.typeormType };
  const mysqlFamily = driver.type !== "postgres";
  const dataSource = await buildOfflineDataSource(options.typeorm, entities, syncOptions, driver);
  const uuidGenerator = syncOptions.uuidExtension === "pgcrypto" ? "gen_random_uuid()" : "uuid_generate_v4()";

  const tables: Declared<TableModel>[] = [];
  const views: Declared<ViewModel>[] = [];
  const enumUses: EnumUse[] = [];
  /** Who declared each of `enumUses`, index for index. */
  const enumOwners: string[] = [];
  const unmanaged: QualifiedName[] = [];
  const concurrentIndexes: QualifiedName[] = [];
  const declaredBy = declarationLabels(dataSource.entityMetadatas);

  for (const metadata of dataSource.entityMetadatas) {
    // STI children live in their parent's table, which carries their columns
    if (metadata.tableType === "entity-child") continue;
    // on MySQL a schema is a database: `@Entity({ database })`
    const schema = (mysqlFamily ? metadata.database : metadata.schema) ?? defaultSchema;
    if (!metadata.synchronize) {
      unmanaged.push({ schema, name: metadata.tableName });
      continue;
    }
    if (metadata.tableType === "view") {
      const view = readView(metadata, dataSource, schema);
      checkIdentifierLengths(metadata, view, [], options.dialect.types);
      views.push({ model: view, by: declaredBy(metadata) });
      continue;
    }
    const context = { schema, uuidGenerator, defaultSchema, Table: options.typeorm.Table, dialect: options.dialect };
    const enumsBefore = enumUses.length;
    const table = mysqlFamily
      ? readMysqlTable(metadata, dataSource, options.typeorm.Table.create(metadata, dataSource.driver), context)
      : readTable(metadata, dataSource, context, enumUses);
    const tableEnums = enumUses.slice(enumsBefore);
    for (const index of metadata.indices) if (index.isConcurrent) concurrentIndexes.push({ schema, name: index.name });
    checkIdentifierLengths(metadata, table, tableEnums, options.dialect.types);
    for (const use of tableEnums) enumOwners.push(`${declaredBy(metadata)}.${propertyOf(metadata, use.column)}`);
    tables.push({ model: table, by: declaredBy(metadata) });
  }
  // several metadata may declare one table (a junction from both sides, an STI child's closure table...)
  const declared = onePerName(tables, views);
  const managed = new Set([...declared.tables, ...declared.views].map(qualifiedKey));

  const enums = byQualifiedName(oneEnumPerName(enumUses, enumOwners));
  // MySQL names indexes and keys per table: only PostgreSQL shares one namespace across a schema's tables
  if (!mysqlFamily) assertRelationNamesOnce(declared.tables, declared.views, enums);
  const model: SchemaModel = {
    schemas: otherSchemas([...declared.tables, ...declared.views, ...enumUses], defaultSchema),
    extensions: readExtensions(dataSource.entityMetadatas, syncOptions),
    enums,
    tables: byQualifiedName(declared.tables),
    views: byQualifiedName(declared.views),
  };
  assertNoDuplicates(model, "entities'");
  return {
    model,
    // a name another metadata synchronizes is managed: synchronize builds it from that one
    unmanaged: byQualifiedName(uniqueNames(unmanaged.filter((name) => !managed.has(qualifiedKey(name))))),
    concurrentIndexes,
    warnings: declared.warnings,
  };
}

function propertyOf(metadata: EntityMetadata, column: string): string {
  return metadata.columns.find((c) => c.databaseName === column)?.propertyPath ?? column;
}

function declaredDefault(metadata: EntityMetadata, name: string): DeclaredDefault | undefined {
  const column = metadata.columns.find((c) => c.databaseName === name && !c.isVirtualProperty);
  return column === undefined ? undefined : { value: column.default, isArray: column.isArray, owner: `${metadata.name}.${column.propertyPath}` };
}

function readTable(
  metadata: EntityMetadata,
  dataSource: DataSource,
  where: { schema: string; uuidGenerator: string; defaultSchema: string; Table: TypeormModule["Table"]; dialect: EntityDialect },
  enumUses: EnumUse[],
): TableModel {
  // TypeORM's own Table.create: the columns, uniques, checks and indexes its CREATE TABLE uses
  const table = where.Table.create(metadata, dataSource.driver);
  const context: TableContext = {
    schema: where.schema,
    tableName: metadata.tableName,
    driver: dataSource.driver,
    uuidGenerator: where.uuidGenerator,
    dialect: where.dialect,
  };
  return {
    schema: where.schema,
    name: metadata.tableName,
    columns: table.columns.map((column) => readColumn(column, context, enumUses, declaredDefault(metadata, column.name))),
    primaryKey: readPrimaryKey(table, dataSource),
    uniques: readUniques(table),
    indexes: readIndexes(table.indices, table),
    foreignKeys: readForeignKeys(metadata, where.defaultSchema),
    checks: readChecks(table),
    exclusions: readExclusions(table),
    comment: metadata.comment ? metadata.comment.replace(/\u0000/g, "") : null,
  };
}

/** TypeORM creates an enum type once, from the first column that names it; later columns reuse it. */
function uniqueNames(names: readonly QualifiedName[]): QualifiedName[] {
  return [...new Map(names.map((name) => [qualifiedKey(name), name])).values()];
}

function otherSchemas(objects: readonly QualifiedName[], defaultSchema: string): string[] {
  const schemas = new Set(objects.map((object) => object.schema));
  schemas.delete(defaultSchema);
  return [...schemas].sort();
}
