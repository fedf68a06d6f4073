/**
 * The DDL of the scratch copy: the model's own objects under their real
 * names, written by the dialect (so quoting is the product's), with what
 * PostgreSQL does not need to render left out: foreign keys (they name
 * other tables, render nothing, and are passed through) and data
 * (materialized views are created WITH NO DATA).
 */
import { toSql } from "../../dialect/postgres";
import { qualified } from "../../dialect/quote";
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
  const views = model.views.flatMap(viewStatements);
  return [...head, ...drops, ...enums, ...tables, ...views];
}

function sqlOf(op: Operation): string[] {
  return toSql(op).map((statement) => statement.sql);
}

function withoutForeignKeys(table: TableModel): TableModel {
  return { ...table, foreignKeys: [] };
}

function viewStatements(view: ViewModel): string[] {
  if (!view.materialized) return sqlOf({ kind: "createView", view: { ...view, indexes: [] } });
  // A trailing `;` would end the statement before WITH NO DATA (only the tail is trimmed);
  // WITH NO DATA goes on its own line as the body may end in a `--` comment.
  const body = view.definition.replace(/[\s;]+$/, "");
  const create = `CREATE MATERIALIZED VIEW ${qualified(view)} AS ${body}\nWITH NO DATA`;
  return [create, ...view.indexes.flatMap((index) => sqlOf({ kind: "createIndex", table: view, index }))];
}

/** Statements joined so that none can swallow the next (a trailing `--` comment ends at the newline). */
export function batch(statements: readonly string[]): string {
  return statements.join("\n;\n");
}
