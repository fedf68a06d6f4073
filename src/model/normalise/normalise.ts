/**
 * normalise: the entity reader's raw model -> the canonical model, by letting
 * PostgreSQL itself render every type, default, generated expression, check,
 * exclusion, index expression/predicate and view body. No regex touches SQL.
 *
 * How: in ONE transaction that is always rolled back,
 *   1. one query finds what stands in the way (real objects holding a name
 *      the model needs; extensions the database cannot install);
 *   2. one batch creates the model's schemas (IF NOT EXISTS), extensions
 *      (IF NOT EXISTS) and enums (real types in the way renamed aside), and
 *      a temporary function (scratch-function.ts);
 *   3. one call of that function builds the tables and views chunk by chunk
 *      (chunks.ts), each in a subtransaction: real objects in the way renamed
 *      aside,
 *      the chunk's tables (without foreign keys), indexes and views created
 *      UNDER THEIR REAL NAMES with the session's own search_path (the one
 *      synchronize would have used to resolve unqualified names), read back
 *      by the introspector's own catalog statement with `search_path =
 *      pg_catalog`, then rolled back, which releases the chunk's locks;
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
 * Why chunks: every relation created or dropped holds locks until its
 * (sub)transaction ends, and the server's shared lock table is small
 * (max_locks_per_transaction x connections, 6 400 entries by default): a
 * model of thousands of tables built at once would exhaust it.
 *
 * The price: renaming the real objects in the way takes ACCESS EXCLUSIVE
 * locks on them until their chunk (or, for enums, the transaction) ends. `lock_timeout` bounds the wait so
 * a busy table gives a clear error instead of a queue of blocked sessions,
 * and the statement needs the privileges synchronize needs.
 *
 * Plain tables (plain-tables.ts: nothing rendered in the table's context)
 * are not built at all: the distinct (type, collation, default) forms of
 * their columns are, as the columns of one scratch table per thousand forms
 * (column-forms.ts), in chunks of their own ahead of the others. Should
 * PostgreSQL reject anything, the whole model goes again through the
 * per-table path, so that the error names the table as before.
 *
 * Round trips: BEGIN, the obstacle query, the head batch, the chunks' call,
 * ROLLBACK; the same whatever the size of the model (and once more on error).
 * A model of plain tables alone skips the obstacle query: only the forms'
 * scratch tables are built, under fresh random names.
 */
import { randomBytes } from "node:crypto";
import type { Executor } from "../../db/types";
import { DatabaseError, MigratorError } from "../../errors";
import { catalogFromRow } from "../../introspect/postgres/read-catalog";
import { byQualifiedName, compareText } from "../names";
import { scopeParams, type CatalogScope } from "../../introspect/postgres/scope";
import type { ColumnModel, ExtensionModel, QualifiedName, SchemaModel, TableModel } from "../types";
import { qualifiedKey } from "../types";
import { namedByViews, planChunks, wantedNames, type Chunk } from "./chunks";
import { formChunks, readForms } from "./column-forms";
import { isPlain, plainTable } from "./plain-tables";
import { OUTER_GROUP, clearingStatements, findObstacles } from "./clashes";
import { batch, chunkStatements, headStatements } from "./scratch-ddl";
import { callScratchFunction, createScratchFunction, type ChunkPayload } from "./scratch-function";

export interface NormaliseOptions {
  /** How long to wait for a lock on a real object in the way, in ms (default 10 000). */
  readonly lockTimeoutMs?: number;
  /** Told how the scratch copy went: the locks each chunk held at its peak. */
  readonly onChunks?: (stats: ChunkStats) => void;
}

export interface ChunkStats {
  /** Per chunk: tables and views built, and the locks the session held after building and reading them. */
  readonly chunks: ReadonlyArray<{ readonly tables: number; readonly views: number; readonly locks: number }>;
}

/** Thrown inside the transaction to roll it back, carrying the result out. */
class RollBack extends Error {
  constructor(readonly model: SchemaModel) {
    super("rolled back on purpose");
  }
}

/** PostgreSQL refused the scratch copy (not a lock timeout): worth a second try without plain tables, to name the table. */
class RejectedInScratch extends DatabaseError {
  hadPlainTables = false;
}

const LOCK_NOT_AVAILABLE = "55P03";

/** A model of plain tables alone (no enums, views or extensions) needs no look at what stands in the way. */
const NO_OBSTACLES = { clashes: [], unavailableExtensions: [] } as const;

export async function normalise(raw: SchemaModel, executor: Executor, options: NormaliseOptions = {}): Promise<SchemaModel> {
  if (raw.tables.length === 0 && raw.views.length === 0 && raw.enums.length === 0 && raw.extensions.length === 0) return raw;
  try {
    return await inScratchTransaction(raw, executor, options, true);
  } catch (error) {
    if (!(error instanceof RejectedInScratch) || !error.hadPlainTables) throw error;
    return inScratchTransaction(raw, executor, options, false);
  }
}

async function inScratchTransaction(raw: SchemaModel, executor: Executor, options: NormaliseOptions, plainAllowed: boolean): Promise<SchemaModel> {
  try {
    await executor.transaction(async () => {
      throw new RollBack(await renderInScratch(raw, executor, options, plainAllowed));
    });
  } catch (error) {
    if (error instanceof RollBack) return error.model;
    throw error;
  }
  throw new MigratorError("normalise: the scratch transaction ended without a result");
}

async function renderInScratch(raw: SchemaModel, executor: Executor, options: NormaliseOptions, plainAllowed: boolean): Promise<SchemaModel> {
  const named = namedByViews(raw.views);
  const plain = plainAllowed ? raw.tables.filter((table) => !named.has(table.name) && isPlain(table, raw.enums)) : [];
  const plainSet = new Set(plain);
  const built: SchemaModel = plain.length === 0 ? raw : { ...raw, tables: raw.tables.filter((table) => !plainSet.has(table)) };
  const forms = formChunks(plain, plain[0]?.schema ?? "public");
  const formCount = forms.chunks.length;
  const rest = formCount > 0 && built.tables.length === 0 && built.views.length === 0 ? [] : planChunks(built);
  const chunks = [...forms.chunks, ...rest];
  try {
    return await renderChunks(raw, executor, options, chunks, formCount, (reads) => {
      const rendered = readForms(forms.keys, reads.slice(0, formCount).map((read) => read.tables));
      return plain.map((table) => plainTable(table, rendered));
    });
  } catch (error) {
    if (error instanceof RejectedInScratch) error.hadPlainTables = plain.length > 0;
    throw error;
  }
}

async function renderChunks(
  raw: SchemaModel,
  executor: Executor,
  options: NormaliseOptions,
  chunks: readonly Chunk[],
  formCount: number,
  plainTables: (reads: readonly SchemaModel[]) => TableModel[],
): Promise<SchemaModel> {
  // The forms' scratch tables have fresh random names: nothing real can be in their way.
  const wanted = wantedNames(raw, chunks).filter((name) => name.group === OUTER_GROUP || name.group >= formCount);
  const extensions = raw.extensions.map((e) => e.name);
  const obstacles = wanted.length === 0 && extensions.length === 0 ? NO_OBSTACLES : await findObstacles(executor, wanted, extensions);
  if (obstacles.unavailableExtensions.length > 0) {
    const names = obstacles.unavailableExtensions.map((n) => `"${n}"`).join(", ");
    throw new DatabaseError(`the entities need the extension${obstacles.unavailableExtensions.length > 1 ? "s" : ""} ${names}, which ${executor.description} does not have`, {
      hint: "install the extension on the database server (its contrib package), or drop the column types that need it",
    });
  }
  const aside = asideNames();
  const timeout = Math.max(1, Math.floor(options.lockTimeoutMs ?? 10_000));
  const scopes = chunks.map((chunk, i) => chunkScope(raw, chunk, i === 0));
  const head = batch([
    `SET LOCAL lock_timeout = ${timeout}`,
    ...headStatements(raw, clearingStatements(obstacles.clashes, OUTER_GROUP, aside)),
    createScratchFunction(scopeParams(scopes[0]!).length),
  ]);
  try {
    await executor.exec(head);
  } catch (error) {
    throw scratchFailure(error, executor, statementAt(head, error));
  }
  const payload = chunks.map((chunk, i): ChunkPayload => ({
    statements: chunkStatements(chunk, clearingStatements(obstacles.clashes, i, aside)),
    // every catalog parameter is a text[] or null
    params: scopeParams(scopes[i]!) as ChunkPayload["params"],
  }));
  const results = await runChunks(executor, payload);
  options.onChunks?.({
    chunks: chunks.map((chunk, i) => ({ tables: i < formCount ? 0 : chunk.tables.length, views: chunk.views.length, locks: results[i]!.locks })),
  });
  const reads = results.map((result) => catalogFromRow(result.catalog));
  const first = reads[0]!;
  const rawTables = new Map(raw.tables.map((t) => [qualifiedKey(t), t]));
  const builtTables = reads.slice(formCount).flatMap((read) => read.tables).map((table) => withModelParts(table, rawTables));
  return {
    schemas: raw.schemas,
    extensions: withSchemas(raw.extensions, first.extensions),
    enums: first.enums,
    tables: byQualifiedName([...builtTables, ...plainTables(reads)]),
    views: byQualifiedName(reads.flatMap((read) => read.views)),
  };
}

/** The catalog read of one chunk: its own relations; the enums and extensions (built outside the chunks) with the first. */
function chunkScope(raw: SchemaModel, chunk: Chunk, first: boolean): CatalogScope {
  const relations: QualifiedName[] = [...chunk.tables, ...chunk.views].map(nameOf);
  return {
    schemas: [...new Set<string>([...raw.tables, ...raw.views, ...raw.enums].map((o) => o.schema))],
    onlyRelations: relations,
    onlyEnums: first ? raw.enums.map(nameOf) : [],
    onlyExtensions: first ? raw.extensions.map((e) => e.name) : [],
  };
}

async function runChunks(executor: Executor, payload: readonly ChunkPayload[]): Promise<Array<{ catalog: Record<string, unknown>; locks: number }>> {
  const chunkJson = JSON.stringify(payload);
  let value: unknown;
  try {
    const { rows } = await executor.query(callScratchFunction(), [chunkJson]);
    value = rows[0]?.["chunks"];
  } catch (error) {
    throw scratchFailure(error, executor, innerStatement(error));
  }
  const parsed = typeof value === "string" ? (JSON.parse(value) as unknown) : value;
  if (!Array.isArray(parsed) || parsed.length !== payload.length) {
    throw new MigratorError("normalise: the scratch function returned an unexpected result");
  }
  return parsed.map((item: unknown) => {
    const entry = typeof item === "object" && item !== null ? (item as Record<string, unknown>) : {};
    const catalog = typeof entry["catalog"] === "object" && entry["catalog"] !== null ? (entry["catalog"] as Record<string, unknown>) : {};
    return { catalog, locks: Number(entry["locks"] ?? 0) };
  });
}

/** Fresh names for real types renamed aside for the rollback (random, so no real object already has one). */
function asideNames(): () => string {
  const prefix = `migrator_aside_${randomBytes(6).toString("hex")}`;
  let count = 0;
  return () => `${prefix}_${(count += 1)}`;
}

/**
 * What the scratch copy did not build goes back on from the raw model:
 * foreign keys (in the catalog's order, by name), and the serial or identity
 * of a column (built as its plain type; see scratchTable).
 */
function withModelParts(read: TableModel, raw: ReadonlyMap<string, TableModel>): TableModel {
  const model = raw.get(qualifiedKey(read));
  if (model === undefined) return read;
  const rawColumns = new Map(model.columns.map((c) => [c.name, c]));
  const columns = read.columns.map((column): ColumnModel => {
    const declared = rawColumns.get(column.name);
    if (declared === undefined || (!declared.serial && declared.identity === null)) return column;
    return { ...column, serial: declared.serial, identity: declared.identity };
  });
  return { ...read, columns, foreignKeys: [...model.foreignKeys].sort((a, b) => compareText(a.name, b.name)) };
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

const INSUFFICIENT_PRIVILEGE = "42501";
/** duplicate_table, duplicate_object, duplicate_function, duplicate_column. */
const NAME_CLASHES = new Set(["42P07", "42710", "42723", "42701"]);

/** PostgreSQL's error, with the statement it happened in when known. */
function scratchFailure(error: unknown, executor: Executor, statement: string | null): MigratorError {
  const fields = fieldsOf(error);
  const message = error instanceof Error ? error.message : String(error);
  if (fields["code"] === LOCK_NOT_AVAILABLE) {
    return new DatabaseError(`normalising the entity model timed out waiting for a lock on ${executor.description}: ${message}`, {
      hint: "another session holds a lock on a table the entities define; retry when it is done",
      cause: error,
    });
  }
  let where = "";
  if (statement !== null) {
    const flat = statement.trim().replace(/\s+/g, " ");
    where = ` in: ${flat.length > 200 ? `${flat.slice(0, 200)}...` : flat}`;
  }
  if (fields["code"] === INSUFFICIENT_PRIVILEGE) {
    return new DatabaseError(`normalising the entity model needs to build it in a transaction that is rolled back, and the role may not: ${message}${where}`, {
      hint: "connect as a role with CREATE on the entities' schemas (the owner of the tables), as for upgrade",
      cause: error,
    });
  }
  return new RejectedInScratch(`PostgreSQL rejects the entities' schema: ${message}${where}`, {
    hint: NAME_CLASHES.has(String(fields["code"]))
      ? "two declarations use one name (table, index, constraint or type): rename one of them"
      : "check the column types, defaults, checks, index expressions and view bodies the entities declare",
    cause: error,
  });
}

/** The statement of a batch that `position` (counted from the batch's start) points into. */
function statementAt(sql: string, error: unknown): string | null {
  const position = Number(fieldsOf(error)["position"]);
  if (!Number.isInteger(position) || position <= 0) return null;
  const start = sql.lastIndexOf("\n;\n", position - 1);
  const end = sql.indexOf("\n;\n", position - 1);
  return sql.slice(start < 0 ? 0 : start + 3, end < 0 ? sql.length : end);
}

/**
 * The statement the scratch function was running: PostgreSQL reports it as
 * the internal query when the error has a position in it, and otherwise
 * in the error's context, as the innermost `SQL statement "..."` line.
 */
function innerStatement(error: unknown): string | null {
  const fields = fieldsOf(error);
  if (typeof fields["internalQuery"] === "string") return fields["internalQuery"];
  const context = fields["where"];
  if (typeof context !== "string") return null;
  const start = context.indexOf('SQL statement "');
  if (start < 0) return null;
  const end = context.indexOf('"\nPL/pgSQL function', start);
  return context.slice(start + 'SQL statement "'.length, end < 0 ? undefined : end);
}

function fieldsOf(error: unknown): Record<string, unknown> {
  return typeof error === "object" && error !== null ? (error as Record<string, unknown>) : {};
}
