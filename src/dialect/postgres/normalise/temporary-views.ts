/**
 * Views for the temporary-schema path: each is created in pg_temp under a
 * scratch name, its body resolved (with the session's search_path) against
 * the REAL relations, since the tables' copies have scratch names and are
 * gone with their chunks. PostgreSQL prints a view's body from what it
 * resolved: the names of the relations and columns it reads, and the types
 * of those columns (casts, operators). So the rendering is the one the
 * owner's path gives exactly when what the view reads is the same in the
 * database as in the entities, which is checked, view by view, from
 * pg_depend (the relations it reads and the columns it uses):
 * - a table the entities define: each column the view uses has the same
 *   name, type and collation in both; when the view uses every column of
 *   the database's table (as `*` does), the whole column list must match,
 *   in order, as `*` would take in the entities' new columns;
 * - a view the entities define: the same definition in both;
 * - any relation of the entities that the database does not have yet, whose
 *   name the view's text contains (it would have resolved to it), fails.
 * Anything else is an error naming the view and what is missing, never a
 * guess. PostgreSQL has no temporary materialized views: one is rendered as
 * a view (its body prints the same), and its indexes are built on a
 * temporary table made from its body (CREATE TABLE AS ... WITH NO DATA: the
 * same column names, types and collations, which is all an index key or
 * predicate renders).
 */
import type { Executor } from "../../../db/types";
import { qualified } from "../quote";
import { DatabaseError } from "../../../errors";
import { readCatalog } from "../introspect/read-catalog";
import { byQualifiedName } from "../../../model/names";
import { qualifiedKey, type ColumnModel, type QualifiedName, type SchemaModel, type TableModel, type ViewModel } from "../../../model/types";
import { namedByViews } from "./chunks";
import { batch, createViewStatement, sqlOf } from "./scratch-ddl";

export interface ViewContext {
  /** Scratch names start with it. */
  readonly prefix: string;
  /** The session's temporary schema (pg_temp_N). */
  readonly temporary: string;
  /** Why the objects cannot be built where they live, for messages. */
  readonly reason: string;
}

interface Dependency extends QualifiedName {
  /** The scratch view that reads it. */
  readonly view: string;
  /** Columns of it the view uses. */
  readonly used: readonly string[];
}

/** Which of the relations are neither table nor view in the database. */
const ABSENT_SQL = `SELECT x.s AS schema, x.n AS name FROM unnest($1::text[], $2::text[]) AS x(s, n)
  WHERE NOT EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace
    WHERE ns.nspname = x.s AND c.relname = x.n AND c.relkind IN ('r', 'p', 'v', 'm'))`;

const DEPENDENCIES_SQL = `SELECT v.relname::text AS view, n.nspname::text AS schema, c.relname::text AS name,
    coalesce(array_agg(DISTINCT a.attname::text) FILTER (WHERE a.attname IS NOT NULL), '{}') AS used
  FROM pg_class v
  JOIN pg_rewrite r ON r.ev_class = v.oid
  JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid AND d.refclassid = 'pg_class'::regclass AND d.refobjid <> v.oid
  JOIN pg_class c ON c.oid = d.refobjid
  JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.refobjsubid AND d.refobjsubid > 0
  WHERE v.relnamespace = pg_my_temp_schema() AND v.relname = ANY($1::text[])
  GROUP BY v.relname, n.nspname, c.relname`;

/** The model's views, rendered; `tables` are the model's tables as already normalised. */
export async function renderViewsOverLiveRelations(raw: SchemaModel, tables: readonly TableModel[], executor: Executor, context: ViewContext): Promise<ViewModel[]> {
  const scratch = raw.views.map((view, i) => ({ view, name: `${context.prefix}_v${i}`, indexed: `${context.prefix}_m${i}` }));
  // a relation of the entities that the database lacks, and that a view's text names, may be what the view would have read
  const modelRelations = [...raw.tables, ...raw.views];
  const named = scratch.map(({ view }) => {
    const words = namedByViews([view]);
    return modelRelations.filter((relation) => words.has(relation.name));
  });
  const absent = new Set((await absentRelations(executor, uniqueNames(named.flat()))).map(qualifiedKey));
  scratch.forEach(({ view }, i) => {
    const missing = named[i]!.find((relation) => absent.has(qualifiedKey(relation)));
    if (missing !== undefined) throw cannotRender(view, `it may read ${qualified(missing)}, which the database does not have yet`, context);
  });

  for (const { view, name, indexed } of scratch) {
    // a temporary view, even for a materialized one: its body prints the same, and PostgreSQL has no temporary materialized views
    const statements = [createViewStatement({ ...view, schema: "pg_temp", name, materialized: false, indexes: [] })];
    if (view.indexes.length > 0) {
      const columns = { schema: "pg_temp", name: indexed };
      statements.push(`CREATE TABLE ${qualified(columns)} AS ${view.definition.replace(/[\s;]+$/, "")}\nWITH NO DATA`);
      statements.push(...view.indexes.flatMap((index) => sqlOf({ kind: "createIndex", table: columns, index })));
    }
    try {
      await executor.exec(batch(statements));
    } catch (error) {
      throw cannotRender(view, `PostgreSQL refuses it over the database's relations (${error instanceof Error ? error.message : String(error)})`, context, error);
    }
  }
  // the renderings' canonical form, as the catalog read expects (rolled back with the transaction)
  await executor.query("SELECT set_config('search_path', 'pg_catalog', true)");
  const scratchNames = scratch.map((s) => s.name);
  const builtNames = [...scratchNames, ...scratch.filter((s) => s.view.indexes.length > 0).map((s) => s.indexed)];
  const built = await readCatalog(executor, { schemas: [context.temporary], onlyRelations: builtNames.map((name) => ({ schema: context.temporary, name })), onlyEnums: [], onlyExtensions: [] });
  const definitions = new Map(built.views.map((view) => [view.name, view.definition]));
  const indexes = new Map(built.tables.map((table) => [table.name, table.indexes]));
  const views = scratch.map(({ view, name, indexed }): ViewModel => {
    const definition = definitions.get(name);
    if (definition === undefined) throw cannotRender(view, "its temporary copy could not be read back", context);
    return { schema: view.schema, name: view.name, materialized: view.materialized, definition, indexes: view.indexes.length > 0 ? (indexes.get(indexed) ?? []) : [] };
  });

  const dependencies = await readDependencies(executor, scratchNames);
  const wanted = uniqueNames(dependencies);
  const live = await readCatalog(executor, { schemas: [...new Set(wanted.map((n) => n.schema))], onlyRelations: wanted, onlyEnums: [], onlyExtensions: [] });

  const liveTables = new Map(live.tables.map((t) => [qualifiedKey(t), t]));
  const liveViews = new Map(live.views.map((v) => [qualifiedKey(v), v]));
  const modelTables = new Map(tables.map((t) => [qualifiedKey(t), t]));
  const modelViews = new Map(views.map((v) => [qualifiedKey(v), v]));
  scratch.forEach(({ view, name }) => {
    for (const dependency of dependencies.filter((d) => d.view === name)) {
      const key = qualifiedKey(dependency);
      const table = modelTables.get(key);
      if (table !== undefined) {
        const difference = usedColumnsDiffer(dependency, liveTables.get(key), table);
        if (difference !== null) throw cannotRender(view, `it reads ${qualified(dependency)}, ${difference}`, context);
      }
      const other = modelViews.get(key);
      if (other !== undefined && liveViews.get(key)?.definition !== other.definition) {
        throw cannotRender(view, `it reads the view ${qualified(dependency)}, which the entities define differently from the database`, context);
      }
    }
  });
  return byQualifiedName(views);
}

/** Why the view's rendering over the database's table may differ from one over the entities' table, or null when it cannot. */
function usedColumnsDiffer(dependency: Dependency, live: TableModel | undefined, model: TableModel): string | null {
  if (live === undefined) return "which could not be read";
  const modelColumns = new Map(model.columns.map((c) => [c.name, c]));
  for (const name of dependency.used) {
    const liveColumn = live.columns.find((c) => c.name === name);
    const modelColumn = modelColumns.get(name);
    if (liveColumn === undefined || modelColumn === undefined || !sameColumn(liveColumn, modelColumn)) {
      return `whose column ${JSON.stringify(name)} the entities change`;
    }
  }
  const usesAll = live.columns.every((c) => dependency.used.includes(c.name));
  if (usesAll && (live.columns.length !== model.columns.length || live.columns.some((c, i) => !sameColumn(c, model.columns[i]!)))) {
    return "all of whose columns it uses, and the entities change that table's columns";
  }
  return null;
}

function sameColumn(a: ColumnModel, b: ColumnModel): boolean {
  return a.name === b.name && a.type === b.type && a.collation === b.collation;
}

async function absentRelations(executor: Executor, names: readonly QualifiedName[]): Promise<QualifiedName[]> {
  if (names.length === 0) return [];
  const { rows } = await executor.query<{ schema: string; name: string }>(ABSENT_SQL, [names.map((n) => n.schema), names.map((n) => n.name)]);
  return rows.map((row) => ({ schema: row.schema, name: row.name }));
}

async function readDependencies(executor: Executor, views: readonly string[]): Promise<Dependency[]> {
  const { rows } = await executor.query<{ view: string; schema: string; name: string; used: unknown }>(DEPENDENCIES_SQL, [[...views]]);
  return rows.map((row) => ({
    view: row.view,
    schema: row.schema,
    name: row.name,
    used: Array.isArray(row.used) ? row.used.filter((c): c is string => typeof c === "string") : [],
  }));
}

function uniqueNames(names: readonly QualifiedName[]): QualifiedName[] {
  const seen = new Map<string, QualifiedName>();
  for (const name of names) seen.set(qualifiedKey(name), { schema: name.schema, name: name.name });
  return [...seen.values()];
}

function cannotRender(view: ViewModel, why: string, context: ViewContext, cause?: unknown): DatabaseError {
  return new DatabaseError(`normalising the entity model cannot render the view ${qualified(view)} without building the entities where they live: ${why}, and ${context.reason}`, {
    hint: "grant the role CREATE on the entities' schemas (normalising then builds them where they live, in a transaction it rolls back), or run migrator as the objects' owner",
    ...(cause === undefined ? {} : { cause }),
  });
}
