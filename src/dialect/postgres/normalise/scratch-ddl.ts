/**
 * The DDL of the scratch copy: the model's own objects under their real
 * names, written by the dialect (so quoting is the product's), with what
 * PostgreSQL does not need to render left out:
 * - foreign keys (they name other tables, render nothing, and are passed through);
 * - the sequences of serial and identity columns (they render nothing either,
 *   and PostgreSQL takes their locks on behalf of the whole transaction, so
 *   rolling back a chunk would not release them);
 * - data (materialized views are created WITH NO DATA).
 */
import { toSql } from "..";
import { qualified, quoteLiteral } from "../quote";
import type { Operation } from "../../../ops/types";
import type { SchemaModel, TableModel, ViewModel } from "../../../model/types";
import type { Chunk } from "./chunks";

/** What the outer transaction holds for every chunk: schemas, extensions, enums (after the clashes are out of the way). */
export function headStatements(model: SchemaModel, clashes: readonly string[]): string[] {
  const ops: Operation[] = [
    ...model.schemas.map((schema): Operation => ({ kind: "createSchema", schema, ifNotExists: true })),
    ...model.extensions.map((extension): Operation => ({ kind: "createExtension", extension, ifNotExists: true })),
  ];
  const enums = model.enums.map((type): Operation => ({ kind: "createEnum", enum: type }));
  return [...ops.flatMap(sqlOf), ...clashes, ...enums.flatMap(sqlOf)];
}

/** One chunk: the clashes out of the way, its tables, then its views (in dependency order) and their indexes. */
export function chunkStatements(chunk: Chunk, clashes: readonly string[]): string[] {
  const tables = chunk.tables.flatMap((table) => sqlOf({ kind: "createTable", table: scratchTable(table) }));
  const views = chunk.views.length === 0 ? [] : [inDependencyOrder(chunk.views.map(createViewStatement))];
  const viewIndexes = chunk.views.flatMap((view) => view.indexes.flatMap((index) => sqlOf({ kind: "createIndex", table: view, index })));
  return [...clashes, ...tables, ...views, ...viewIndexes];
}

/**
 * The table as created in scratch: no foreign keys, and serial/identity
 * columns as their plain type, NOT NULL as PostgreSQL would make them
 * (normalise puts the model's serial/identity back on what it reads).
 * An identity on a type that cannot have one stays, for PostgreSQL's error.
 */
export function scratchTable(table: TableModel): TableModel {
  const columns = table.columns.map((column) => {
    const sequenced = column.serial || (column.identity !== null && IDENTITY_TYPES.has(column.type.trim().toLowerCase()));
    return sequenced ? { ...column, serial: false, identity: null, nullable: false } : column;
  });
  return { ...table, columns, foreignKeys: [] };
}

export const IDENTITY_TYPES = new Set(["smallint", "int2", "integer", "int", "int4", "bigint", "int8"]);

/**
 * Views may select from other views, and the model does not say in which
 * order: a DO block runs the CREATEs, puts back those that name a relation
 * not created yet (undefined_table), and goes round again while that makes
 * progress; when it no longer does, the first one left runs unguarded and
 * raises PostgreSQL's own error.
 */
function inDependencyOrder(creates: readonly string[]): string {
  const list = `ARRAY[${creates.map(quoteLiteral).join(", ")}]::text[]`;
  const tag = dollarTag("views", creates);
  return `DO ${tag}
DECLARE
  pending text[] := ${list};
  waiting text[];
  create_view text;
BEGIN
  LOOP
    waiting := '{}';
    FOREACH create_view IN ARRAY pending LOOP
      BEGIN
        EXECUTE create_view;
      EXCEPTION WHEN undefined_table THEN
        waiting := waiting || create_view;
      END;
    END LOOP;
    EXIT WHEN cardinality(waiting) = 0;
    IF cardinality(waiting) = cardinality(pending) THEN
      EXECUTE waiting[1];
    END IF;
    pending := waiting;
  END LOOP;
END
${tag}`;
}

/** A dollar-quote tag that none of `texts` contains. */
export function dollarTag(word: string, texts: readonly string[]): string {
  let tag = `$${word}$`;
  for (let i = 0; texts.some((sql) => sql.includes(tag)); i += 1) tag = `$${word}${i}$`;
  return tag;
}

export function sqlOf(op: Operation): string[] {
  return toSql(op).map((statement) => statement.sql);
}

export function createViewStatement(view: ViewModel): string {
  // A trailing `;` would end the statement before WITH NO DATA (only the tail is trimmed);
  // WITH NO DATA goes on its own line as the body may end in a `--` comment.
  const body = view.definition.replace(/[\s;]+$/, "");
  if (!view.materialized) return sqlOf({ kind: "createView", view: { ...view, definition: body, indexes: [] } }).join("\n;\n");
  return `CREATE MATERIALIZED VIEW ${qualified(view)} AS ${body}\nWITH NO DATA`;
}

/** Statements joined so that none can swallow the next (a trailing `--` comment ends at the newline). */
export function batch(statements: readonly string[]): string {
  return statements.join("\n;\n");
}
