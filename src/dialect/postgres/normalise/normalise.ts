/**
 * normalise: the entity reader's raw model -> the canonical model, by letting
 * PostgreSQL itself render every type, default, generated expression, check,
 * exclusion, index expression/predicate and view body. No regex touches SQL.
 *
 * How: in ONE transaction that is always rolled back,
 *   1. one query finds what stands in the way (real objects holding a name
 *      the model needs; extensions the database cannot install) and what
 *      the role may do (clashes.ts);
 *   2. one batch creates the model's missing schemas, extensions
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
 * and the statement needs the privileges synchronize needs: CREATE on the
 * schemas, ownership of what is in the way. A role without them (a
 * read-only one) gets the copy built in its temporary schema instead
 * (temporary-schema.ts), which touches no real object; the query of step 1
 * says which path to take, so a role that may take this one always does.
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
 * scratch tables are built, under fresh random names (a role that may not
 * gets a refusal, and the model goes again, surveyed first).
 */
import { randomBytes } from "node:crypto";
import type { Executor } from "../../../db/types";
import { PrivilegeError, isPrivilegeFailure } from "../connection/privilege";
import { DatabaseError, MigratorError } from "../../../errors";
import { catalogFromRow } from "../introspect/read-catalog";
import { byQualifiedName, compareText } from "../../../model/names";
import { scopeParams, type CatalogScope } from "../introspect/scope";
import type { QualifiedName, SchemaModel, TableModel } from "../../../model/types";
import { DEFAULT_SCHEMA, qualifiedKey } from "../../../model/types";
import { namedByViews, planChunks, wantedNames, type Chunk } from "./chunks";
import { formChunks, readForms } from "./column-forms";
import { isPlain, plainTable } from "./plain-tables";
import { OUTER_GROUP, clearingStatements, findObstacles, missingPrivilege, type Obstacles, type WantedName } from "./clashes";
import { RejectedInScratch, innerStatement, scratchFailure, statementAt } from "./failure";
import { batch, chunkStatements, headStatements } from "./scratch-ddl";
import { createScratchFunction, runChunks, type ChunkPayload } from "./scratch-function";
import { withModelParts, withSchemas } from "./model-parts";
import { renderInTemporarySchema } from "./temporary-schema";

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

/**
 * A model of plain tables alone skips the survey (one round trip less): if
 * the role may not build the forms' tables, PostgreSQL says so, and the
 * model goes again, surveyed first.
 */
class SurveyFirst extends Error {}

interface Attempt {
  readonly plainAllowed: boolean;
  readonly survey: boolean;
}

export async function normalise(raw: SchemaModel, executor: Executor, options: NormaliseOptions = {}): Promise<SchemaModel> {
  if (raw.tables.length === 0 && raw.views.length === 0 && raw.enums.length === 0 && raw.extensions.length === 0) return raw;
  let attempt: Attempt = { plainAllowed: true, survey: false };
  // each retry turns one flag, so there are at most three attempts
  for (;;) {
    try {
      return await inScratchTransaction(raw, executor, options, attempt);
    } catch (error) {
      if (error instanceof SurveyFirst && !attempt.survey) attempt = { ...attempt, survey: true };
      else if (error instanceof RejectedInScratch && error.hadPlainTables && attempt.plainAllowed) attempt = { ...attempt, plainAllowed: false };
      else throw error;
    }
  }
}

async function inScratchTransaction(raw: SchemaModel, executor: Executor, options: NormaliseOptions, attempt: Attempt): Promise<SchemaModel> {
  try {
    await executor.transaction(async () => {
      throw new RollBack(await renderInScratch(raw, executor, options, attempt));
    });
  } catch (error) {
    if (error instanceof RollBack) return error.model;
    throw error;
  }
  throw new MigratorError("normalise: the scratch transaction ended without a result");
}

/** What a model of plain tables alone is built with when not surveyed: nothing in the way, every privilege assumed. */
const UNSURVEYED: Obstacles = {
  clashes: [], unavailableExtensions: [], missingExtensions: [], schemas: [], enums: [], role: "", database: "", createDatabase: true, temporary: true,
};

async function renderInScratch(raw: SchemaModel, executor: Executor, options: NormaliseOptions, attempt: Attempt): Promise<SchemaModel> {
  const named = namedByViews(raw.views);
  const plain = attempt.plainAllowed ? raw.tables.filter((table) => !named.has(table.name) && isPlain(table, raw.enums)) : [];
  const plainSet = new Set(plain);
  const built: SchemaModel = plain.length === 0 ? raw : { ...raw, tables: raw.tables.filter((table) => !plainSet.has(table)) };
  const forms = formChunks(plain, plain[0]?.schema ?? DEFAULT_SCHEMA);
  const formCount = forms.chunks.length;
  const rest = formCount > 0 && built.tables.length === 0 && built.views.length === 0 ? [] : planChunks(built);
  const chunks = [...forms.chunks, ...rest];
  // The forms' scratch tables have fresh random names: nothing real can be in their way.
  const wanted = wantedNames(raw, chunks).filter((name) => name.group === OUTER_GROUP || name.group >= formCount);
  const plainTables = (reads: readonly SchemaModel[]): TableModel[] => {
    const rendered = readForms(forms.keys, reads.slice(0, formCount).map((read) => read.tables));
    return plain.map((table) => plainTable(table, rendered));
  };
  try {
    if (!attempt.survey && wanted.length === 0 && raw.extensions.length === 0) {
      try {
        return await renderChunks(raw, executor, options, UNSURVEYED, chunks, formCount, plainTables);
      } catch (error) {
        if (error instanceof MigratorError && isPrivilegeFailure(error.cause)) throw new SurveyFirst();
        throw error;
      }
    }
    const obstacles = await survey(raw, executor, wanted, chunks);
    const missing = missingPrivilege(obstacles);
    // Without the privileges to build the copy where the objects live: a copy that touches no real object.
    if (missing !== null) {
      return await renderInTemporarySchema(raw, executor, { lockTimeoutMs: lockTimeout(options), obstacles, reason: missing, plainAllowed: attempt.plainAllowed });
    }
    return await renderChunks(raw, executor, options, obstacles, chunks, formCount, plainTables);
  } catch (error) {
    if (error instanceof RejectedInScratch) error.hadPlainTables = plain.length > 0;
    throw error;
  }
}

/** What stands in the way and what the role may do: one query, before anything is built. */
async function survey(raw: SchemaModel, executor: Executor, wanted: readonly WantedName[], chunks: readonly Chunk[]): Promise<Obstacles> {
  const creating = new Set<string>(raw.schemas);
  chunks.forEach((chunk) => [...chunk.tables, ...chunk.views].forEach((object) => creating.add(object.schema)));
  raw.enums.forEach((type) => creating.add(type.schema));
  const obstacles = await findObstacles(executor, wanted, raw.extensions.map((e) => e.name), { schemas: [...creating].sort(compareText), enums: raw.enums });
  if (obstacles.unavailableExtensions.length > 0) {
    const names = obstacles.unavailableExtensions.map((n) => `"${n}"`).join(", ");
    throw new DatabaseError(`the entities need the extension${obstacles.unavailableExtensions.length > 1 ? "s" : ""} ${names}, which ${executor.description} does not have`, {
      hint: "install the extension on the database server (its contrib package), or drop the column types that need it",
    });
  }
  if (!obstacles.temporary) {
    // both ways of building the copy run a temporary function
    const role = `"${obstacles.role.replace(/"/g, '""')}"`;
    const database = `"${obstacles.database.replace(/"/g, '""')}"`;
    throw new PrivilegeError(`permission denied: role ${role} may not create temporary objects in database ${database}, which normalising the entity model needs`, {
      hint: `GRANT TEMPORARY ON DATABASE ${database} TO ${role}, or run migrator as the objects' owner`,
    });
  }
  return obstacles;
}

async function renderChunks(
  raw: SchemaModel,
  executor: Executor,
  options: NormaliseOptions,
  obstacles: Obstacles,
  chunks: readonly Chunk[],
  formCount: number,
  plainTables: (reads: readonly SchemaModel[]) => TableModel[],
): Promise<SchemaModel> {
  const aside = asideNames();
  const timeout = lockTimeout(options);
  const scopes = chunks.map((chunk, i) => chunkScope(raw, chunk, i === 0));
  const existing = new Set(obstacles.schemas.filter((schema) => schema.exists).map((schema) => schema.name));
  const head = batch([
    `SET LOCAL lock_timeout = ${timeout}`,
    // CREATE SCHEMA IF NOT EXISTS asks for CREATE on the database even when the schema exists
    ...headStatements({ ...raw, schemas: raw.schemas.filter((schema) => !existing.has(schema)) }, clearingStatements(obstacles.clashes, OUTER_GROUP, aside)),
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
  const results = await runChunks(executor, payload, (error) => scratchFailure(error, executor, innerStatement(error)));
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

function lockTimeout(options: NormaliseOptions): number {
  return Math.max(1, Math.floor(options.lockTimeoutMs ?? 10_000));
}

/** Fresh names for real types renamed aside for the rollback (random, so no real object already has one). */
function asideNames(): () => string {
  const prefix = `migrator_aside_${randomBytes(6).toString("hex")}`;
  let count = 0;
  return () => `${prefix}_${(count += 1)}`;
}

function nameOf(object: QualifiedName): QualifiedName {
  return { schema: object.schema, name: object.name };
}
