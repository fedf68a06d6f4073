/**
 * Keys, constraints and indexes of one table, named exactly as synchronize
 * names them. Names come from the metadata (TypeORM resolved them with its
 * naming strategy while building it); only the primary key is named at DDL
 * time, from the same Table object TypeORM would pass its naming strategy.
 */
import type { DataSource, EntityMetadata, Table } from "typeorm";
import type {
  CheckModel,
  ExclusionModel,
  ForeignKeyModel,
  IndexModel,
  PrimaryKeyModel,
  ReferentialAction,
  UniqueModel,
} from "../model/types";

export function readPrimaryKey(table: Table, dataSource: DataSource): PrimaryKeyModel | null {
  const primary = table.columns.filter((column) => column.isPrimary);
  if (primary.length === 0) return null;
  const columns = primary.map((column) => column.name);
  const name =
    primary[0]?.primaryKeyConstraintName ?? dataSource.namingStrategy.primaryKeyName(table, columns);
  return { name, columns };
}

export function readUniques(table: Table): UniqueModel[] {
  return table.uniques.map((unique) => ({
    name: requireName(unique.name, table, "unique constraint"),
    columns: [...unique.columnNames],
    deferrable: unique.deferrable !== undefined && unique.deferrable !== "",
    initiallyDeferred: isInitiallyDeferred(unique.deferrable),
  }));
}

/** What an index needs to be read: TypeORM's TableIndex has this shape. */
export interface IndexSource {
  readonly name?: string;
  readonly columnNames: readonly string[];
  readonly isUnique?: boolean;
  readonly isSpatial?: boolean;
  readonly type?: string;
  readonly where?: string;
}

/** Index keys follow `index.columns` (TableIndex.create keeps that order); the metadata's ordering map is wrong for relation columns. */
export function readIndexes(indices: readonly IndexSource[], table: { name: string }): IndexModel[] {
  return indices.map((index) => ({
    name: requireName(index.name, table, "index"),
    unique: index.isUnique === true,
    method: index.isSpatial ? "gist" : (index.type ?? "btree"),
    keys: index.columnNames.map((column) => ({ column })),
    where: index.where ? index.where : null,
    include: [],
  }));
}

export function readChecks(table: Table): CheckModel[] {
  return table.checks.map((check) => ({
    name: requireName(check.name, table, "check constraint"),
    expression: check.expression ?? "",
  }));
}

/** The definition is TypeORM's `EXCLUDE` body, plus the deferrability pg_get_constraintdef would append. */
export function readExclusions(table: Table): ExclusionModel[] {
  return table.exclusions.map((exclusion) => ({
    name: requireName(exclusion.name, table, "exclusion constraint"),
    definition: (exclusion.expression ?? "") + (exclusion.deferrable ? ` DEFERRABLE ${exclusion.deferrable}` : ""),
  }));
}

/** `schemaKey`: what names a table's schema in the metadata (`database` on MySQL, where a schema is a database). */
export function readForeignKeys(metadata: EntityMetadata, defaultSchema: string, schemaKey: "schema" | "database" = "schema"): ForeignKeyModel[] {
  return metadata.foreignKeys.map((foreignKey) => {
    const referenced = foreignKey.referencedEntityMetadata;
    return {
      name: requireName(foreignKey.name, { name: metadata.tableName }, "foreign key"),
      columns: [...foreignKey.columnNames],
      referencedTable: { schema: referenced[schemaKey] ?? defaultSchema, name: referenced.tableName },
      referencedColumns: [...foreignKey.referencedColumnNames],
      onDelete: referentialAction(foreignKey.onDelete),
      onUpdate: referentialAction(foreignKey.onUpdate),
      deferrable: foreignKey.deferrable !== undefined,
      initiallyDeferred: isInitiallyDeferred(foreignKey.deferrable),
    };
  });
}

function referentialAction(action: string | undefined): ReferentialAction {
  switch (action) {
    case undefined:
    case "NO ACTION":
      return "NO ACTION";
    case "RESTRICT":
    case "CASCADE":
    case "SET NULL":
    case "SET DEFAULT":
      return action;
    case "DEFAULT":
      return "SET DEFAULT";
    default:
      return "NO ACTION";
  }
}

function isInitiallyDeferred(deferrable: string | undefined): boolean {
  return deferrable === "INITIALLY DEFERRED";
}

/** The metadata builder names every constraint; a missing name means TypeORM changed underneath us. */
function requireName(name: string | undefined, table: { name: string }, what: string): string {
  if (name === undefined || name === "") throw new Error(`TypeORM gave no name to a ${what} of table ${table.name}`);
  return name;
}
