/**
 * Live MySQL/MariaDB database -> schema model: the session's facts, then
 * seven information_schema statements covering every database in play
 * (queries.ts), whatever the number of tables.
 */
import type { Executor, Row } from "../../../db/types";
import { byQualifiedName, compareText } from "../../../model/names";
import { DEFAULT_SCHEMA, type SchemaModel, type TableModel, type ViewModel } from "../../../model/types";
import type { IntrospectOptions } from "../../catalog";
import { startEarlyForms } from "../normalise/early-forms";
import { readCatalogRows, type CatalogRows } from "./queries";
import { byTable, relationKey, text } from "./rows";
import { schemaMap, tableFilter, type SchemaMap } from "./scope";
import { sessionFacts, type SessionFacts } from "./server";
import { backticked, readTable } from "./tables";

export async function introspect(executor: Executor, options: IntrospectOptions): Promise<SchemaModel> {
  const facts = await sessionFacts(executor);
  const { onSent } = options;
  if (onSent === undefined) return readModel(executor, facts, options);
  // the caller is busy for a while (compare loads the entities): the server builds the last run's column forms after the read
  return readModel(executor, facts, { ...options, onSent: () => (startEarlyForms(executor, facts), onSent()) });
}

/**
 * The read itself, for a session whose facts are known; `map` says which
 * databases stand for which schemas when they are not the schemas' own
 * (normalise reads its scratch databases this way).
 */
export async function readModel(executor: Executor, facts: SessionFacts, options: IntrospectOptions, map?: SchemaMap): Promise<SchemaModel> {
  const { databases } = map ?? schemaMap(options.schemas, options.defaultSchema ?? DEFAULT_SCHEMA, facts.database);
  const rowsPromise = readCatalogRows(executor, databases, facts.mariadb);
  options.onSent?.();
  return modelFromRows(await rowsPromise, facts, options, map);
}

/** The catalog's rows (queries.ts) as a model: what readModel does once they are read. */
export function modelFromRows(rows: CatalogRows, facts: SessionFacts, options: IntrospectOptions, map?: SchemaMap): SchemaModel {
  const defaultSchema = options.defaultSchema ?? DEFAULT_SCHEMA;
  const { toSchema } = map ?? schemaMap(options.schemas, defaultSchema, facts.database);
  const keep = tableFilter(options);

  const columns = byTable(rows.columns);
  const statistics = byTable(rows.statistics);
  const foreignKeys = byTable(rows.foreignKeys);
  const checks = byTable(rows.checks);
  const tables: TableModel[] = [];
  for (const table of rows.tables) {
    if (text(table, "kind") === "VIEW") continue;
    const schema = toSchema(text(table, "db"));
    if (!keep({ schema, name: text(table, "name") })) continue;
    const key = relationKey(text(table, "db"), text(table, "name"));
    tables.push(
      readTable(
        { table, columns: columns.get(key) ?? [], statistics: statistics.get(key) ?? [], foreignKeys: foreignKeys.get(key) ?? [], checks: checks.get(key) ?? [] },
        { schema, mariadb: facts.mariadb, toSchema },
      ),
    );
  }
  const views = rows.views
    .map((row) => readView(row, toSchema, facts.database))
    .filter((view) => keep(view));
  const schemas = rows.databases.map((row) => toSchema(text(row, "db"))).filter((schema) => schema !== defaultSchema);
  return { schemas: [...new Set(schemas)].sort(compareText), extensions: [], enums: [], tables: byQualifiedName(tables), views: byQualifiedName(views) };
}

/**
 * The server stores a view's SELECT with every name qualified by its
 * database; the current database's qualifier is taken off, so the
 * definition reads the same in any database the schema is built in.
 */
function readView(row: Row, toSchema: (database: string) => string, current: string): ViewModel {
  const definition = text(row, "definition").split(`${backticked(current)}.`).join("");
  return { schema: toSchema(text(row, "db")), name: text(row, "name"), materialized: false, definition, indexes: [] };
}
