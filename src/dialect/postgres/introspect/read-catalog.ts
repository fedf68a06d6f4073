/**
 * One catalog read: every concern's query runs as a sub-select of a single
 * statement (one round trip, whatever the number of tables), each returning
 * JSON, and the rows are assembled into a SchemaModel here.
 *
 * The caller must already be inside a transaction with
 * `search_path = pg_catalog`: that is what makes the renderings canonical.
 */
import type { Executor } from "../../../db/types";
import { portableLiterals } from "../portable-literals";
import { DEFAULT_SCHEMA, qualifiedKey, type IndexModel, type SchemaModel, type TableModel, type ViewModel } from "../../../model/types";
import { CONSTRAINTS_SQL, emptyConstraints, readConstraintRows, type TableConstraints } from "./constraints";
import { ENUMS_SQL, readEnumRows } from "./enums";
import { EXTENSIONS_SQL, SCHEMAS_SQL, readExtensionRows, readSchemaNames } from "./extensions";
import { INDEXES_SQL, readIndexRows } from "./indexes";
import { byQualifiedName, compareText, parsedJson } from "./rows";
import { scopeParams, type CatalogScope } from "./scope";
import { TABLES_SQL, readTableRows } from "./tables";
import { VIEWS_SQL, readViewRows } from "./views";

/** The one statement; parameters as `scopeParams` builds them (normalise runs it inside its scratch function). */
export const CATALOG_SQL = `SELECT
  (${TABLES_SQL}) AS tables,
  (${CONSTRAINTS_SQL}) AS constraints,
  (${INDEXES_SQL}) AS indexes,
  (${ENUMS_SQL}) AS enums,
  (${VIEWS_SQL}) AS views,
  (${EXTENSIONS_SQL}) AS extensions,
  (${SCHEMAS_SQL}) AS schemas,
  current_setting('standard_conforming_strings') AS standard_strings`;

export async function readCatalog(executor: Executor, scope: CatalogScope, defaultSchema: string = DEFAULT_SCHEMA, onSent?: () => void): Promise<SchemaModel> {
  const pending = executor.query(CATALOG_SQL, scopeParams(scope));
  onSent?.();
  const { rows } = await pending;
  return catalogFromRow(rows[0] ?? {}, defaultSchema);
}

/** The model from CATALOG_SQL's one row (its columns as JSON values or JSON text). */
export function catalogFromRow(row: Readonly<Record<string, unknown>>, defaultSchema: string = DEFAULT_SCHEMA): SchemaModel {
  const field = (name: string): unknown => parsedJson(row[name]);

  const tables = readTableRows(field("tables"));
  const constraints = new Map<string, TableConstraints>(tables.map((t) => [qualifiedKey(t), emptyConstraints()]));
  readConstraintRows(field("constraints"), (schema, name) => constraints.get(qualifiedKey({ schema, name })));

  const indexes = new Map<string, IndexModel[]>();
  for (const { schema, table, index } of readIndexRows(field("indexes"))) {
    const key = qualifiedKey({ schema, name: table });
    const list = indexes.get(key);
    if (list === undefined) indexes.set(key, [index]);
    else list.push(index);
  }
  const indexesOf = (key: string): IndexModel[] => byName(indexes.get(key) ?? []);

  const tableModels: TableModel[] = tables.map((table) => {
    const key = qualifiedKey(table);
    const found = constraints.get(key) ?? emptyConstraints();
    return {
      schema: table.schema,
      name: table.name,
      columns: table.columns,
      primaryKey: found.primaryKey,
      uniques: byName(found.uniques),
      indexes: indexesOf(key),
      foreignKeys: byName(found.foreignKeys),
      checks: byName(found.checks),
      exclusions: byName(found.exclusions),
      comment: table.comment,
    };
  });
  const views: ViewModel[] = readViewRows(field("views")).map((view) => ({ ...view, indexes: view.materialized ? indexesOf(qualifiedKey(view)) : [] }));

  // expressions as PostgreSQL rendered them, for this session's setting; made to mean the same under either
  const standard = row.standard_strings !== "off";
  const portable = (sql: string): string => portableLiterals(sql, standard);
  const portableOrNull = (sql: string | null): string | null => (sql === null ? null : portable(sql));
  const portableIndex = (index: IndexModel): IndexModel => ({
    ...index,
    where: portableOrNull(index.where),
    keys: index.keys.map((part) => ("expression" in part ? { ...part, expression: portable(part.expression) } : part)),
  });
  const portableTables = tableModels.map((table): TableModel => ({
    ...table,
    columns: table.columns.map((column) => ({ ...column, default: portableOrNull(column.default), generated: portableOrNull(column.generated) })),
    indexes: table.indexes.map(portableIndex),
    checks: table.checks.map((check) => ({ ...check, expression: portable(check.expression) })),
    exclusions: table.exclusions.map((exclusion) => ({ ...exclusion, definition: portable(exclusion.definition) })),
  }));
  const portableViews = views.map((view): ViewModel => ({ ...view, definition: portable(view.definition), indexes: view.indexes.map(portableIndex) }));

  return {
    schemas: readSchemaNames(field("schemas")).filter((s) => s !== defaultSchema).sort(compareText),
    extensions: byName(readExtensionRows(field("extensions"))),
    enums: byQualifiedName(readEnumRows(field("enums"))),
    tables: byQualifiedName(portableTables),
    views: byQualifiedName(portableViews),
  };
}

function byName<T extends { readonly name: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => compareText(a.name, b.name));
}
