/**
 * The scratch copy for a role that may not build it where the objects live
 * (no CREATE on their schemas, or real objects in the way that it does not
 * own, as a read-only role): built in the session's temporary schema,
 * which touches no real object and needs only the TEMPORARY privilege that
 * PostgreSQL grants to PUBLIC. The path of normalise.ts runs whenever the
 * role may take it; this one is meant to give the same model, and where it
 * cannot be sure, it says so instead of guessing.
 *
 * What differs from building under real names, and how it is made the same:
 * - tables are built in pg_temp under scratch names (under its real name a
 *   temporary table would shadow the real one for unqualified references),
 *   one schema's tables to a chunk (index and constraint names are unique
 *   per schema, not across schemas). Nothing PostgreSQL renders of a table
 *   (types, defaults, generated columns, checks, index keys and predicates,
 *   exclusions) names the table itself, so only the names are mapped back;
 * - an enum the database has with the model's labels is used as it is; a new
 *   or changed one gets a scratch copy in pg_temp. PostgreSQL prints that
 *   copy's name unqualified (pg_temp is always on the path), and in what is
 *   read back the name is replaced by the real type's spelling: it is a
 *   fresh random identifier, which no SQL of the entities can contain;
 * - views are rendered over the real relations and checked against what the
 *   model changes in them; the indexes of a materialized view are built on a
 *   temporary table of the view's columns (temporary-views.ts);
 * - extensions are not created: one the database lacks is an error.
 */
import { randomBytes } from "node:crypto";
import type { Executor } from "../../../db/types";
import { quoteIdent } from "../quote";
import { DatabaseError, MigratorError } from "../../../errors";
import { catalogFromRow } from "../introspect/read-catalog";
import { scopeParams, type CatalogScope } from "../introspect/scope";
import { sameList } from "../../../diff/compare";
import { byQualifiedName } from "../../../model/names";
import { emptyModel, qualifiedKey, type EnumModel, type SchemaModel, type TableModel } from "../../../model/types";
import { planChunks, type Chunk } from "./chunks";
import type { LiveEnum, Obstacles } from "./clashes";
import { formChunks, readForms } from "./column-forms";
import { innerStatement, scratchFailure, statementAt, type FallbackContext } from "./failure";
import { withModelParts, withSchemas } from "./model-parts";
import { isPlain, plainTable } from "./plain-tables";
import { batch, chunkStatements, sqlOf } from "./scratch-ddl";
import { createScratchFunction, runChunks, type ChunkPayload } from "./scratch-function";
import { renderViewsOverLiveRelations } from "./temporary-views";

/** The schema name PostgreSQL reads as the session's temporary schema. */
export const TEMPORARY = "pg_temp";

export interface TemporaryOptions {
  readonly lockTimeoutMs: number;
  readonly obstacles: Obstacles;
  /** Why the copy cannot be built where the objects live, for messages. */
  readonly reason: string;
  readonly plainAllowed: boolean;
}

export async function renderInTemporarySchema(raw: SchemaModel, executor: Executor, options: TemporaryOptions): Promise<SchemaModel> {
  const { obstacles, reason } = options;
  refuseWhatCannotBeBuilt(obstacles, reason);
  const prefix = `migrator_${randomBytes(6).toString("hex")}`;
  const enums = new ScratchEnums(raw.enums, obstacles.enums, prefix);
  const retype = (table: TableModel): TableModel => ({ ...table, columns: table.columns.map((c) => ({ ...c, type: enums.scratchType(c.type) })) });

  const plain = options.plainAllowed ? raw.tables.filter((table) => isPlain(table, raw.enums)) : [];
  const plainSet = new Set(plain);
  const scratchOf = new Map<string, TableModel>();
  const built = raw.tables
    .filter((table) => !plainSet.has(table))
    .map((table, i): TableModel => {
      const name = `${prefix}_t${i}`;
      scratchOf.set(name, table);
      return { ...retype(table), schema: TEMPORARY, name };
    });
  const forms = formChunks(plain.map(retype), TEMPORARY);
  const formCount = forms.chunks.length;
  const chunks: Chunk[] = [...forms.chunks, ...oneSchemaEach(built, scratchOf).flatMap((tables) => planChunks({ ...emptyModel(), tables }))];
  if (chunks.length === 0) chunks.push({ tables: [], views: [] }); // still reads the extensions

  const fallback: FallbackContext = { reason, realNames: (text) => realNames(text, scratchOf, enums) };
  const head = batch([`SET LOCAL lock_timeout = ${options.lockTimeoutMs}`, ...enums.statements(), createScratchFunction(scopeParams({ schemas: [] }).length)]);
  try {
    await executor.exec(head);
  } catch (error) {
    throw scratchFailure(error, executor, statementAt(head, error), fallback);
  }
  const temporary = await temporarySchemaName(executor);
  const payload = chunks.map((chunk, i): ChunkPayload => {
    const scope: CatalogScope = {
      schemas: [temporary],
      onlyRelations: chunk.tables.map((table) => ({ schema: temporary, name: table.name })),
      onlyEnums: [],
      onlyExtensions: i === 0 ? raw.extensions.map((e) => e.name) : [],
    };
    // every catalog parameter is a text[] or null
    return { statements: chunkStatements(chunk, []), params: scopeParams(scope) as ChunkPayload["params"] };
  });
  const results = await runChunks(executor, payload, (error) => scratchFailure(error, executor, innerStatement(error), fallback));
  const reads = results.map((result) => catalogFromRow(result.catalog));

  const rawTables = new Map(raw.tables.map((t) => [qualifiedKey(t), t]));
  const builtTables = reads.slice(formCount).flatMap((read) => read.tables).map((read) => {
    const table = scratchOf.get(read.name);
    if (table === undefined) throw new MigratorError(`normalise: the temporary copy read back an unknown table ${read.name}`);
    return withModelParts(enums.realTable({ ...read, schema: table.schema, name: table.name }), rawTables);
  });
  const rendered = readForms(forms.keys, reads.slice(0, formCount).map((read) => read.tables));
  const plainTables = plain.map((table) => enums.realTable(plainTable(retype(table), rendered)));
  const tables = byQualifiedName([...builtTables, ...plainTables]);
  const views = raw.views.length === 0 ? [] : await renderViewsOverLiveRelations(raw, tables, executor, { prefix, temporary, reason });
  return {
    schemas: raw.schemas,
    extensions: withSchemas(raw.extensions, reads[0]?.extensions ?? []),
    enums: byQualifiedName(raw.enums.map((type): EnumModel => ({ schema: type.schema, name: type.name, values: [...type.values] }))),
    tables,
    views: byQualifiedName(views),
  };
}

/** Extensions the database lacks: not to be guessed. */
function refuseWhatCannotBeBuilt(obstacles: Obstacles, reason: string): void {
  if (obstacles.missingExtensions.length > 0) {
    const names = obstacles.missingExtensions.map((n) => quoteIdent(n)).join(", ");
    throw new DatabaseError(`the entities need the extension${obstacles.missingExtensions.length > 1 ? "s" : ""} ${names}, which the database does not have, and ${reason}, so normalising cannot create it in a transaction it rolls back`, {
      hint: "create the extension as its owner, or run migrator as the objects' owner",
    });
  }
}

/** The built tables grouped by the schema of the table each stands for (the model's order within). */
function oneSchemaEach(built: readonly TableModel[], scratchOf: ReadonlyMap<string, TableModel>): TableModel[][] {
  const groups = new Map<string, TableModel[]>();
  for (const table of built) {
    const schema = scratchOf.get(table.name)?.schema ?? "";
    const group = groups.get(schema);
    if (group === undefined) groups.set(schema, [table]);
    else group.push(table);
  }
  return [...groups.values()];
}

async function temporarySchemaName(executor: Executor): Promise<string> {
  const { rows } = await executor.query<{ name: string | null }>("SELECT nspname::text AS name FROM pg_namespace WHERE oid = pg_my_temp_schema()");
  const name = rows[0]?.name;
  if (typeof name !== "string") throw new MigratorError("normalise: the session has no temporary schema after creating a temporary function");
  return name;
}

/** A message's scratch names as the model's: tables by their qualified names, enum copies by the real types' spelling. */
function realNames(text: string, scratchOf: ReadonlyMap<string, TableModel>, enums: ScratchEnums): string {
  let out = enums.realText(text);
  for (const [scratch, table] of scratchOf) {
    out = out.split(`${quoteIdent(TEMPORARY)}.${quoteIdent(scratch)}`).join(`${quoteIdent(table.schema)}.${quoteIdent(table.name)}`).split(scratch).join(`${quoteIdent(table.schema)}.${quoteIdent(table.name)}`);
  }
  return out;
}

/**
 * The model's enums that need a scratch copy (the database has none of that
 * name, or one with other labels), and the two ways between their names:
 * the model's type spelling to the copy's, for the DDL; the copy's name as
 * PostgreSQL prints it to the real type's spelling, for what is read back.
 */
class ScratchEnums {
  private readonly copies: Array<{ readonly model: EnumModel; readonly scratch: string; readonly spelled: string }> = [];
  private readonly byModelType = new Map<string, string>();
  private readonly pattern: RegExp | null;

  constructor(enums: readonly EnumModel[], live: readonly LiveEnum[], prefix: string) {
    const found = new Map(live.map((type) => [qualifiedKey(type), type]));
    enums.forEach((type, i) => {
      const known = found.get(qualifiedKey(type));
      if (known?.values !== null && known?.values !== undefined && sameList(known.values, type.values)) return;
      const scratch = `${prefix}_e${i}`;
      // PostgreSQL's own spelling of the real name (quote_ident's rules), as format_type would print it
      const spelled = known?.spelled ?? `${quoteIdent(type.schema)}.${quoteIdent(type.name)}`;
      this.copies.push({ model: type, scratch, spelled });
      this.byModelType.set(`${quoteIdent(type.schema)}.${quoteIdent(type.name)}`, `${quoteIdent(TEMPORARY)}.${quoteIdent(scratch)}`);
    });
    // the copies' names are lower-case letters, digits and underscores: never quoted when printed
    this.pattern = this.copies.length === 0 ? null : new RegExp(`(?:pg_temp_\\d+\\.)?(${prefix}_e\\d+)\\b`, "g");
  }

  statements(): string[] {
    return this.copies.flatMap((copy) => sqlOf({ kind: "createEnum", enum: { schema: TEMPORARY, name: copy.scratch, values: copy.model.values } }));
  }

  /** A column type of the model, pointed at the enum's copy when it has one (arrays too). */
  scratchType(type: string): string {
    const trimmed = type.trim();
    const base = trimmed.replace(/(?:\[\])+$/, "");
    const scratch = this.byModelType.get(base);
    return scratch === undefined ? type : `${scratch}${trimmed.slice(base.length)}`;
  }

  /** Rendered SQL with every copy's name replaced by its real type's spelling. */
  realText(text: string): string {
    if (this.pattern === null) return text;
    const spelled = new Map(this.copies.map((copy) => [copy.scratch, copy.spelled]));
    return text.replace(this.pattern, (whole, name: string) => spelled.get(name) ?? whole);
  }

  realTable(table: TableModel): TableModel {
    if (this.pattern === null) return table;
    const real = (text: string): string => this.realText(text);
    const orNull = (text: string | null): string | null => (text === null ? null : real(text));
    return {
      ...table,
      columns: table.columns.map((c) => ({ ...c, type: real(c.type), default: orNull(c.default), generated: orNull(c.generated) })),
      indexes: table.indexes.map((index) => ({
        ...index,
        where: orNull(index.where),
        keys: index.keys.map((key) => ("expression" in key ? { ...key, expression: real(key.expression) } : key)),
      })),
      checks: table.checks.map((check) => ({ ...check, expression: real(check.expression) })),
      exclusions: table.exclusions.map((exclusion) => ({ ...exclusion, definition: real(exclusion.definition) })),
    };
  }
}
