/**
 * normalise: the entity reader's raw model -> the canonical model, by letting
 * PostgreSQL itself render every type, default, generated expression, check,
 * exclusion, index expression/predicate and view body. No regex touches SQL.
 *
 * How: in ONE transaction that is always rolled back,
 *   1. one query finds what stands in the way (real objects holding a name
 *      the model needs; extensions the server cannot install);
 *   2. one batch creates the model's schemas (IF NOT EXISTS) and extensions
 *      (IF NOT EXISTS), DROPs ... CASCADE the clashing real objects, then
 *      creates the model's enums, tables (without foreign keys), indexes and
 *      views UNDER THEIR REAL NAMES, with the session's own search_path (the
 *      one synchronize would have used to resolve unqualified names);
 *   3. with `search_path = pg_catalog`, the introspector's own catalog read
 *      reads exactly those objects back;
 *   4. ROLLBACK: the database is as it was.
 *
 * Why real names rather than scratch schemas: renderings name other objects
 * schema-qualified (`'a'::public.mood`, view bodies `FROM billing.invoice`,
 * casts written by the user). In a scratch schema, a body that says
 * "billing"."invoice" would still reach the real table (which may lack the
 * model's columns, or not exist), and mapping scratch names back would mean
 * rewriting SQL text. Under real names there is nothing to map back: what
 * PostgreSQL prints is already the real spelling, and new enums, enums whose
 * values differ from the database's, and tables that do not exist yet all
 * work the same. Functions, extensions and every other object stay where
 * they are, so expressions resolve as they would after synchronize.
 *
 * The price: dropping the clashing real objects takes ACCESS EXCLUSIVE locks
 * on them until the rollback (a few round trips). `lock_timeout` bounds the
 * wait so a busy table gives a clear error instead of a queue of blocked
 * sessions, and the statement needs the privileges synchronize needs.
 *
 * Round trips: BEGIN, the obstacle query, the DDL batch, the catalog read,
 * ROLLBACK; the same whatever the size of the model.
 */
import type { Executor } from "../../db/types";
import { DatabaseError, MigratorError } from "../../errors";
import { readCatalog } from "../../introspect/postgres/read-catalog";
import { compareText } from "../../introspect/postgres/rows";
import type { ExtensionModel, QualifiedName, SchemaModel, TableModel } from "../types";
import { qualifiedKey } from "../types";
import { dropStatements, findObstacles } from "./clashes";
import { batch, scratchStatements } from "./scratch-ddl";

export interface NormaliseOptions {
  /** How long to wait for a lock on a real object in the way, in ms (default 10 000). */
  readonly lockTimeoutMs?: number;
}

/** Thrown inside the transaction to roll it back, carrying the result out. */
class RollBack extends Error {
  constructor(readonly model: SchemaModel) {
    super("rolled back on purpose");
  }
}

const LOCK_NOT_AVAILABLE = "55P03";

export async function normalise(raw: SchemaModel, executor: Executor, options: NormaliseOptions = {}): Promise<SchemaModel> {
  if (raw.tables.length === 0 && raw.views.length === 0 && raw.enums.length === 0 && raw.extensions.length === 0) return raw;
  try {
    await executor.transaction(async () => {
      throw new RollBack(await renderInScratch(raw, executor, options));
    });
  } catch (error) {
    if (error instanceof RollBack) return error.model;
    throw error;
  }
  throw new MigratorError("normalise: the scratch transaction ended without a result");
}

async function renderInScratch(raw: SchemaModel, executor: Executor, options: NormaliseOptions): Promise<SchemaModel> {
  const obstacles = await findObstacles(executor, raw);
  if (obstacles.unavailableExtensions.length > 0) {
    const names = obstacles.unavailableExtensions.map((n) => `"${n}"`).join(", ");
    throw new DatabaseError(`the entities need the extension${obstacles.unavailableExtensions.length > 1 ? "s" : ""} ${names}, which ${executor.description} does not have`, {
      hint: "install the extension on the database server (its contrib package), or drop the column types that need it",
    });
  }
  const timeout = Math.max(1, Math.floor(options.lockTimeoutMs ?? 10_000));
  const statements = [`SET LOCAL lock_timeout = ${timeout}`, ...scratchStatements(raw, dropStatements(obstacles.clashes))];
  const sql = batch(statements);
  try {
    await executor.exec(sql);
  } catch (error) {
    throw scratchFailure(error, sql, executor);
  }
  await executor.exec("SET LOCAL search_path = pg_catalog");
  const read = await readCatalog(executor, {
    schemas: [...new Set([...raw.tables, ...raw.views, ...raw.enums].map((o) => o.schema))],
    onlyRelations: [...raw.tables, ...raw.views].map(nameOf),
    onlyEnums: raw.enums.map(nameOf),
    onlyExtensions: raw.extensions.map((e) => e.name),
  });
  return {
    schemas: raw.schemas,
    extensions: withSchemas(raw.extensions, read.extensions),
    enums: read.enums,
    tables: withForeignKeys(read.tables, raw.tables),
    views: read.views,
  };
}

/** Foreign keys were not built (they render nothing); the raw ones go back on, in the catalog's order (by name). */
function withForeignKeys(read: readonly TableModel[], raw: readonly TableModel[]): TableModel[] {
  const rawByKey = new Map(raw.map((t) => [qualifiedKey(t), t]));
  return read.map((table) => {
    const foreignKeys = [...(rawByKey.get(qualifiedKey(table))?.foreignKeys ?? [])].sort((a, b) => compareText(a.name, b.name));
    return { ...table, foreignKeys };
  });
}

/** An extension the entities do not pin lands where the database puts it (or already has it). */
function withSchemas(raw: readonly ExtensionModel[], read: readonly ExtensionModel[]): ExtensionModel[] {
  const installed = new Map(read.map((e) => [e.name, e.schema]));
  return [...raw]
    .map((e) => ({ name: e.name, schema: e.schema ?? installed.get(e.name) ?? null }))
    .sort((a, b) => compareText(a.name, b.name));
}

function nameOf(object: QualifiedName): QualifiedName {
  return { schema: object.schema, name: object.name };
}

/** PostgreSQL's error, with the statement of the batch it points at (`position` counts from the batch's start). */
function scratchFailure(error: unknown, sql: string, executor: Executor): MigratorError {
  const fields = typeof error === "object" && error !== null ? (error as Record<string, unknown>) : {};
  const message = error instanceof Error ? error.message : String(error);
  if (fields["code"] === LOCK_NOT_AVAILABLE) {
    return new DatabaseError(`normalising the entity model timed out waiting for a lock on ${executor.description}: ${message}`, {
      hint: "another session holds a lock on a table the entities define; retry when it is done",
      cause: error,
    });
  }
  const position = Number(fields["position"]);
  let where = "";
  if (Number.isInteger(position) && position > 0) {
    const start = sql.lastIndexOf("\n;\n", position - 1);
    const end = sql.indexOf("\n;\n", position - 1);
    const statement = sql.slice(start < 0 ? 0 : start + 3, end < 0 ? sql.length : end).replace(/\s+/g, " ");
    where = ` in: ${statement.length > 200 ? `${statement.slice(0, 200)}...` : statement}`;
  }
  return new DatabaseError(`PostgreSQL rejects the entities' schema: ${message}${where}`, {
    hint: "check the column types, defaults, checks, index expressions and view bodies the entities declare",
    cause: error,
  });
}
