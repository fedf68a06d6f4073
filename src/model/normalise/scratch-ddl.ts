/**
 * The DDL of the scratch copy: the model's own objects under their real
 * names, written by the dialect (so quoting is the product's), with what
 * PostgreSQL does not need to render left out: foreign keys (they name
 * other tables, render nothing, and are passed through) and data
 * (materialized views are created WITH NO DATA).
 */
import { toSql } from "../../dialect/postgres";
import { qualified, quoteLiteral } from "../../dialect/quote";
import type { Operation } from "../../ops/types";
import type { SchemaModel, TableModel, ViewModel } from "../types";

export function scratchStatements(model: SchemaModel, drops: readonly string[]): string[] {
  const ops: Operation[] = [
    ...model.schemas.map((schema): Operation => ({ kind: "createSchema", schema, ifNotExists: true })),
    ...model.extensions.map((extension): Operation => ({ kind: "createExtension", extension, ifNotExists: true })),
  ];
  const head = ops.flatMap(sqlOf);
  const enums = model.enums.flatMap((type) => sqlOf({ kind: "createEnum", enum: type }));
  const tables = model.tables.flatMap((table) => sqlOf({ kind: "createTable", table: withoutForeignKeys(table) }));
  const views = model.views.length === 0 ? [] : [inDependencyOrder(model.views.map(createViewStatement))];
  const viewIndexes = model.views.flatMap((view) => view.indexes.flatMap((index) => sqlOf({ kind: "createIndex", table: view, index })));
  return [...head, ...drops, ...enums, ...tables, ...views, ...viewIndexes];
}

/**
 * Views may select from other views, and the model does not say in which
 * order: a DO block runs the CREATEs, puts back those that name a relation
 * not created yet (undefined_table), and goes round again while that makes
 * progress; when it no longer does, the first one left runs unguarded and
 * raises PostgreSQL's own error. Still one round trip.
 */
function inDependencyOrder(creates: readonly string[]): string {
  const list = `ARRAY[${creates.map(quoteLiteral).join(", ")}]::text[]`;
  let tag = "$views$";
  for (let i = 0; creates.some((sql) => sql.includes(tag)); i += 1) tag = `$views${i}$`;
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

function sqlOf(op: Operation): string[] {
  return toSql(op).map((statement) => statement.sql);
}

function withoutForeignKeys(table: TableModel): TableModel {
  return { ...table, foreignKeys: [] };
}

function createViewStatement(view: ViewModel): string {
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
