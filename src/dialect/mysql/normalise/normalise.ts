/**
 * normalise: the entity reader's raw model (TypeORM's spelling) -> the
 * server's own spelling, by letting the server store it: the model's tables
 * and views are created, as synchronize would write them (scratch-ddl.ts),
 * in scratch databases (one per schema of the model, each with the default
 * character set and collation of the database it stands for), read back by
 * the introspector's own statements, and dropped. Types (`int(11)`,
 * `tinyint(1)`), defaults (quoted literals, `current_timestamp()`),
 * generated expressions, checks, charsets, collations and engines come back
 * exactly as introspection reads them after synchronize.
 *
 * Why scratch databases: MySQL has no transactional DDL, so the PostgreSQL
 * way (build under real names, roll back) is not open; temporary tables are
 * not in information_schema. Nothing real is touched: foreign keys are
 * created with foreign_key_checks off (so table order does not matter) and
 * point at the scratch copies. It needs the privilege to create and drop a
 * database; the scratch databases are dropped whatever happens.
 *
 * Plain tables (column-forms.ts) are not built: the distinct forms of
 * their columns are, as the columns of a few scratch tables, and each plain
 * table is put together from what the server made of its forms. Building
 * tables one by one costs ~90 ms each on MariaDB; 300 plain tables normalise
 * in about half a second.
 *
 * Round trips: the session's facts and defaults (1), then, for a model
 * without views and an executor that takes several statements in one text,
 * everything else in one: foreign_key_checks off, the databases, the
 * tables, the read (7 statements); and one text putting the session back and
 * dropping the databases. The server runs the statements of a text one after
 * the other and stops at the first it refuses; so when that text fails
 * (a user who may not create databases, a table the server refuses), its
 * scratch databases are dropped and the model is built again step by step,
 * which says what failed as it always did: foreign_key_checks off, the
 * databases, one batch of tables, one statement per view (views may use
 * each other: retried until none is left or none succeeds), the read, the
 * clean-up. When the table batch fails, the tables are created one by one
 * (plain ones whole), so the error names the table.
 *
 * A model of plain tables only may find its forms tables already built and
 * read, while the entities loaded, from the last run's (early-forms.ts):
 * then the session's facts and defaults are its only round trip.
 */
import { randomBytes } from "node:crypto";
import type { Executor } from "../../../db/types";
import { DatabaseError, MigratorError } from "../../../errors";
import { byQualifiedName } from "../../../model/names";
import { DEFAULT_SCHEMA, qualifiedKey, type SchemaModel, type TableModel, type ViewModel } from "../../../model/types";
import type { IntrospectOptions } from "../../catalog";
import { resultSetsOf, type ResultSets } from "../connection/executor";
import { modelFromRows, readModel } from "../introspect/introspect";
import { catalogRows, catalogStatements, type CatalogRows } from "../introspect/queries";
import type { SchemaMap } from "../introspect/scope";
import { factsFrom, type SessionFacts } from "../introspect/server";
import { createTableStatement, createViewStatement, ident, type ScratchNames } from "./scratch-ddl";
import { columnForms, isPlain } from "./column-forms";
import { builtAsNeeded, formsPrefix, hintFor, keepHint, scratchDatabase, takeEarlyForms, type EarlyForms, type FormsHint } from "./early-forms";

export async function normalise(raw: SchemaModel, executor: Executor): Promise<SchemaModel> {
  if (raw.tables.length === 0 && raw.views.length === 0) return raw;
  const schemas = [...new Set([DEFAULT_SCHEMA, ...raw.schemas, ...raw.tables.map((t) => t.schema), ...raw.views.map((v) => v.schema)])];
  const early = takeEarlyForms(executor);
  const { facts, settings } = await sessionSettings(executor, schemas.filter((schema) => schema !== DEFAULT_SCHEMA));
  const resultSets = resultSetsOf(executor);
  // views are created one by one, in the order they can be (createViews): step by step
  if (resultSets !== undefined && raw.views.length === 0) {
    const built = (early === undefined ? null : await fromEarlyForms(raw, early, facts, settings, schemas)) ?? (await inOneText(executor, resultSets, planScratch(raw, facts, settings, schemas), early));
    if (built !== null) return built;
  }
  return stepByStep(raw, executor, planScratch(raw, facts, settings, schemas));
}

/** Built and read in one text, cleaned up in another; null when the server refused something (all dropped again). */
async function inOneText(executor: Executor, resultSets: ResultSets["resultSets"], plan: ScratchPlan, early: EarlyForms | undefined): Promise<SchemaModel | null> {
  let rows: CatalogRows | null = null;
  try {
    rows = catalogRows((await resultSets([...plan.setUp, ...plan.tableStatements(), ...catalogStatements(plan.databases, plan.names.mariadb)])).slice(-7));
  } catch {
    // the step-by-step path builds it again and says what the server refused
  }
  // as the step-by-step path's clean-up, which fails the call only when building succeeded; the
  // server drops the databases while the model is put together here
  const cleanUp = executor.exec(plan.cleanUp);
  if (rows === null) {
    await cleanUp.catch(() => undefined);
    return null;
  }
  let model: SchemaModel;
  try {
    model = plan.result(modelFromRows(rows, plan.scratchFacts, plan.readOptions, plan.map));
  } catch (error) {
    await cleanUp.catch(() => undefined);
    throw error;
  }
  await cleanUp;
  keepHint(executor, plan.hint, early?.hint);
  return model;
}

/** The model from the forms built while the entities loaded, when they are exactly what this model needs (early-forms.ts); else null. */
async function fromEarlyForms(raw: SchemaModel, early: EarlyForms, facts: SessionFacts, settings: SessionSettings, schemas: readonly string[]): Promise<SchemaModel | null> {
  const plan = planScratch(raw, facts, settings, schemas, early.tag);
  if (plan.whole.length > 0 || plan.hint === null || !builtAsNeeded(early, plan.hint, plan.formsTables)) return null;
  const rows = await early.rows;
  if (rows === null) return null;
  // the early build's one database stands for the default schema, where the forms tables are; it holds nothing else
  const read = modelFromRows(rows, { ...facts, database: early.database }, { schemas: [DEFAULT_SCHEMA] }, {
    databases: [early.database],
    toSchema: (database) => (database === early.database ? DEFAULT_SCHEMA : database),
  });
  return plan.result(read);
}

/** What building a model in scratch databases takes: their names, the statements, and how the read becomes the normalised model. */
interface ScratchPlan {
  readonly names: ScratchNames;
  readonly databases: readonly string[];
  /** foreign_key_checks off (the session's own kept), the scratch databases created, the default one made current. */
  readonly setUp: readonly string[];
  readonly creates: readonly string[];
  readonly home: string;
  readonly whole: readonly TableModel[];
  readonly plain: readonly TableModel[];
  readonly formsTables: readonly TableModel[];
  readonly tableStatements: () => string[];
  readonly scratchFacts: SessionFacts;
  readonly readOptions: IntrospectOptions;
  readonly map: SchemaMap;
  /** The session put back and the scratch databases dropped, as one text. */
  readonly cleanUp: string;
  readonly result: (read: SchemaModel) => SchemaModel;
  /** What the next run may build early (early-forms.ts): null unless the model has nothing but plain tables. */
  readonly hint: FormsHint | null;
}

/** `tag` names the scratch databases and tables: a fresh one unless given. */
function planScratch(raw: SchemaModel, facts: SessionFacts, settings: SessionSettings, schemas: readonly string[], tag = randomBytes(5).toString("hex")): ScratchPlan {
  const realDatabase = (schema: string): string => (schema === DEFAULT_SCHEMA ? facts.database : schema);
  const scratch = new Map(schemas.map((schema, i) => [schema, scratchDatabase(tag, i)]));
  const names: ScratchNames = {
    databaseOf: (schema) => scratch.get(schema) ?? realDatabase(schema),
    mariadb: facts.mariadb,
    backslashEscapes: settings.backslashEscapes,
  };
  const creates = schemas.map((schema) => {
    const defaults = settings.defaults.get(realDatabase(schema));
    const options = defaults === undefined ? "" : ` CHARACTER SET ${ident(defaults.charset)} COLLATE ${ident(defaults.collation)}`;
    return `CREATE DATABASE ${ident(names.databaseOf(schema))}${options}`;
  });
  const home = names.databaseOf(DEFAULT_SCHEMA);
  // views need the tables they read: any table whose name a view's text holds is built whole (more is only slower)
  const viewText = raw.views.map((view) => view.definition.toLowerCase()).join("\n");
  const plain = raw.tables.filter(
    (table) => isPlain(table, (schema) => settings.defaults.has(realDatabase(schema))) && !viewText.includes(table.name.toLowerCase()),
  );
  const plainSet = new Set(plain);
  const whole = raw.tables.filter((table) => !plainSet.has(table));
  const forms = columnForms(plain, DEFAULT_SCHEMA, formsPrefix(tag));
  const back = new Map([...scratch].map(([schema, database]) => [database, schema]));
  const drops = [...scratch.values()].map((database) => `DROP DATABASE IF EXISTS ${ident(database)}`);
  const isForms = (table: { schema: string; name: string }): boolean => table.schema === DEFAULT_SCHEMA && forms.names.has(table.name);
  return {
    names,
    databases: [...scratch.values()],
    setUp: ["SET @migrator_fkc = @@foreign_key_checks", "SET SESSION foreign_key_checks = 0", ...creates, `USE ${ident(home)}`],
    creates,
    home,
    whole,
    plain,
    formsTables: forms.tables,
    tableStatements: () => [...whole, ...forms.tables].map((table) => createTableStatement(table, names)),
    scratchFacts: { ...facts, database: home },
    readOptions: { schemas: [...scratch.keys()] },
    map: { databases: [...scratch.values()], toSchema: (database) => back.get(database) ?? database },
    cleanUp: `USE ${ident(facts.database)}; SET SESSION foreign_key_checks = @migrator_fkc; ${drops.join("; ")}`,
    result: (read) => {
      const stored = new Map(read.tables.filter(isForms).flatMap((table) => table.columns.map((column) => [`${table.name}\u0000${column.name}`, column] as const)));
      const assembled = plain.map((table) => forms.assemble(table, stored, settings.defaults.get(realDatabase(table.schema))!));
      const tables = [...read.tables.filter((table) => !isForms(table)), ...assembled];
      const rawByName = new Map(raw.tables.map((table) => [qualifiedKey(table), table]));
      return { ...read, schemas: raw.schemas, tables: byQualifiedName(tables.map((table) => inEntityOrder(rawByName.get(qualifiedKey(table)), table))), views: byQualifiedName(read.views) };
    },
    hint: whole.length === 0 && raw.views.length === 0 ? hintFor(facts, settings.sqlMode, settings.defaults.get(facts.database), forms.tables) : null,
  };
}

/** Statement by statement: views one by one until all are made, and an error that names the table or view the server refused. */
async function stepByStep(raw: SchemaModel, executor: Executor, plan: ScratchPlan): Promise<SchemaModel> {
  let failed = false;
  try {
    // the session's own foreign_key_checks, put back after
    await executor.exec("SET @migrator_fkc = @@foreign_key_checks; SET SESSION foreign_key_checks = 0");
    await createDatabases(executor, plan.creates, plan.home);
    await createTables(executor, { whole: plan.whole, forms: plan.formsTables, plain: plan.plain }, plan.names);
    await createViews(executor, raw.views, plan.names);
    return plan.result(await readModel(executor, plan.scratchFacts, plan.readOptions, plan.map));
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    const cleanUp = executor.exec(plan.cleanUp);
    // a cleanup that fails too (a user who may not drop what it could not create) must not hide why
    await (failed ? cleanUp.catch(() => undefined) : cleanUp);
  }
}

/**
 * The table's indexes and foreign keys in the entities' order (TypeORM's),
 * not by name: a created table's keys are written in this order, and SHOW
 * CREATE TABLE lists plain keys (a foreign key's implicit one too) in the
 * order they were made, so a table migrator creates prints as
 * synchronize's does. Comparison matches both by name, so the order
 * changes nothing else.
 */
function inEntityOrder(raw: TableModel | undefined, table: TableModel): TableModel {
  if (raw === undefined) return table;
  return { ...table, indexes: inOrderOf(raw.indexes, table.indexes), foreignKeys: inOrderOf(raw.foreignKeys, table.foreignKeys) };
}

function inOrderOf<T extends { readonly name: string }>(order: readonly { readonly name: string }[], items: readonly T[]): T[] {
  const position = new Map(order.map((item, at) => [item.name, at]));
  const at = (name: string): number => position.get(name) ?? order.length;
  return [...items].sort((a, b) => at(a.name) - at(b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** MySQL's "access denied" errors: to a database, to a command. */
const ACCESS_DENIED = new Set([1044, 1045, 1142, 1227]);

async function createDatabases(executor: Executor, creates: readonly string[], home: string): Promise<void> {
  try {
    await executor.exec(`${creates.join("; ")}; USE ${ident(home)}`);
  } catch (error) {
    const errno = (error as { errno?: unknown }).errno;
    if (typeof errno !== "number" || !ACCESS_DENIED.has(errno)) throw error;
    throw new DatabaseError(`comparing needs scratch databases (migrator_scratch_*), and this user may not create them: ${message(error)}`, {
      hint: "grant them, e.g. GRANT ALL ON `migrator\\_scratch\\_%`.* TO <user>: migrator builds the entities' tables there to let the server spell them, then drops them",
      cause: error,
    });
  }
}

interface SessionSettings {
  readonly sqlMode: string;
  readonly backslashEscapes: boolean;
  /** Default character set and collation of each real database that exists. */
  readonly defaults: Map<string, { charset: string; collation: string }>;
}

/**
 * The session's facts, its sql_mode and the defaults of the databases in
 * one statement: DATABASE() stands for the default schema's database, the
 * others are named (a LEFT JOIN: the facts come back whichever exist).
 */
async function sessionSettings(executor: Executor, otherDatabases: readonly string[]): Promise<{ facts: SessionFacts; settings: SessionSettings }> {
  const named = otherDatabases.map(() => ", ?").join("");
  const { rows } = await executor.query<{ db: string | null; version: string; mode: string; name: string | null; charset: string | null; collation: string | null }>(
    `SELECT s.db, s.version, s.mode, d.SCHEMA_NAME AS name, d.DEFAULT_CHARACTER_SET_NAME AS charset, d.DEFAULT_COLLATION_NAME AS collation
     FROM (SELECT DATABASE() AS db, VERSION() AS version, @@SESSION.sql_mode AS mode) s
     LEFT JOIN information_schema.SCHEMATA d ON d.SCHEMA_NAME IN (s.db${named})`,
    otherDatabases,
  );
  const facts = factsFrom(rows[0]);
  const defaults = new Map<string, { charset: string; collation: string }>();
  for (const row of rows) if (row.name !== null) defaults.set(String(row.name), { charset: String(row.charset), collation: String(row.collation) });
  const sqlMode = String(rows[0]?.mode ?? "");
  return { facts, settings: { sqlMode, backslashEscapes: !sqlMode.split(",").includes("NO_BACKSLASH_ESCAPES"), defaults } };
}

/**
 * The whole tables and the forms tables in one batch; when the server
 * refuses it, the whole and the plain tables one by one (the batch stopped at
 * the failing statement, those before it exist), for an error naming the table.
 */
async function createTables(executor: Executor, tables: { whole: readonly TableModel[]; forms: readonly TableModel[]; plain: readonly TableModel[] }, names: ScratchNames): Promise<void> {
  const batch = [...tables.whole, ...tables.forms];
  if (batch.length === 0) return;
  try {
    await executor.exec(batch.map((table) => createTableStatement(table, names)).join(";\n"));
  } catch (batchError) {
    for (const table of [...tables.whole, ...tables.plain]) {
      try {
        await executor.exec(createTableStatement(table, names).replace(/^CREATE TABLE /, "CREATE TABLE IF NOT EXISTS "));
      } catch (error) {
        throw new MigratorError(`the server refused table ${table.schema === DEFAULT_SCHEMA ? "" : `${table.schema}.`}${table.name} as the entities declare it: ${message(error)}`, {
          hint: "synchronize would fail the same way: fix the entity (its type, default or generated expression)",
          cause: error,
        });
      }
    }
    throw batchError;
  }
}

async function createViews(executor: Executor, views: readonly ViewModel[], names: ScratchNames): Promise<void> {
  let left = [...views];
  while (left.length > 0) {
    const failed: { view: ViewModel; error: unknown }[] = [];
    for (const view of left) {
      try {
        await executor.exec(createViewStatement(view, names));
      } catch (error) {
        failed.push({ view, error });
      }
    }
    if (failed.length === left.length) {
      const first = failed[0]!;
      throw new MigratorError(`the server refused view ${first.view.name} as the entities declare it: ${message(first.error)}`, {
        hint: "synchronize would fail the same way: fix the view entity's expression",
        cause: first.error,
      });
    }
    left = failed.map((f) => f.view);
  }
}

function message(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\s+/g, " ").trim();
}
