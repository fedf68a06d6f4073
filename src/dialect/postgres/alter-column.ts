/**
 * ALTER COLUMN: one statement per change, in an order PostgreSQL accepts
 * whatever combination is present:
 *   drop generated expression, drop identity, drop default
 *   -> type (with collation and USING) -> nullability
 *   -> set default, add/set identity, new generated expression -> comment.
 *
 * A new or changed generated expression cannot be altered in place on
 * PostgreSQL 15 (SET EXPRESSION arrived in 17): the column is dropped and
 * added back with the new expression, and the SQL says so in a comment.
 * Its type, NOT NULL and comment are kept (from the catalog when the op does
 * not carry them); indexes and constraints on that column go with it.
 */
import { MigratorError } from "../../errors";
import type { AlterColumnOp } from "../../ops/types";
import { qualified, quoteIdent, quoteLiteral } from "./quote";
import { columnCommentStatement } from "./definitions";
import { statement, type Statement } from "../statement";

export function alterColumn(op: AlterColumnOp): Statement[] {
  const table = qualified(op.table);
  const column = quoteIdent(op.column);
  const alter = (clause: string): Statement => statement(`ALTER TABLE ${table} ALTER COLUMN ${column} ${clause}`);
  const out: Statement[] = [];

  if (op.generated !== undefined && op.generated.to === null) out.push(alter("DROP EXPRESSION"));
  if (op.identity !== undefined && op.identity.to === null) out.push(alter("DROP IDENTITY"));
  const setDefault = op.default !== undefined && op.default.to !== null ? op.default.to : null;
  // A default typed for the old type may not convert: take it off before the type changes.
  if (op.default !== undefined && (op.default.to === null || op.type !== undefined)) out.push(alter("DROP DEFAULT"));

  const regenerate = op.generated !== undefined && op.generated.to !== null ? op.generated.to : null;
  if (regenerate === null && (op.type !== undefined || op.collation !== undefined)) out.push(alter(typeClause(op)));
  if (op.nullable !== undefined) out.push(alter(op.nullable.to ? "DROP NOT NULL" : "SET NOT NULL"));
  if (setDefault !== null) out.push(alter(`SET DEFAULT ${setDefault}`));
  if (op.identity !== undefined && op.identity.to !== null) {
    const kind = op.identity.to;
    out.push(alter(op.identity.from === undefined || op.identity.from === null ? `ADD GENERATED ${kind} AS IDENTITY` : `SET GENERATED ${kind}`));
  }
  if (regenerate !== null) out.push(...regenerateColumn(op, regenerate));
  if (op.comment !== undefined) out.push(columnCommentStatement(op.table, op.column, op.comment.to));
  return out;
}

function typeClause(op: AlterColumnOp): string {
  const type = op.type?.to;
  if (type === undefined) {
    throw new MigratorError(`changing the collation of ${qualified(op.table)}.${quoteIdent(op.column)} needs its type`, {
      hint: "pass existingType (or type) to alterColumn along with collation",
    });
  }
  let clause = `TYPE ${type}`;
  if (op.collation !== undefined) {
    clause += ` COLLATE ${op.collation.to === null ? 'pg_catalog."default"' : quoteIdent(op.collation.to)}`;
  }
  if (op.type?.using !== undefined) clause += ` USING ${op.type.using}`;
  return clause;
}

function regenerateColumn(op: AlterColumnOp, expression: string): Statement[] {
  const table = qualified(op.table);
  const column = quoteIdent(op.column);
  const note = `-- generated expression of ${table}.${column} changed: PostgreSQL 15 cannot alter it in place, so the column is dropped and added back\n`;
  const collate = op.collation?.to != null ? ` COLLATE ${quoteIdent(op.collation.to)}` : "";
  const generated = `${collate} GENERATED ALWAYS AS (${expression}) STORED`;
  const type = op.type?.to;
  if (type !== undefined && op.nullable !== undefined && op.comment !== undefined) {
    const notNull = op.nullable.to ? "" : " NOT NULL";
    return [statement(`${note}ALTER TABLE ${table} DROP COLUMN ${column}, ADD COLUMN ${column} ${type}${generated}${notNull}`)];
  }
  // What the op does not say (the type, NOT NULL, the comment) is kept as the
  // catalog has it, read in the same statement: the dropped column would lose it.
  const alterSql = `ALTER TABLE ${table} DROP COLUMN ${column}, ADD COLUMN ${column} %s${generated.replace(/%/g, "%%")}%s`;
  const typeSql = type === undefined ? "column_type" : quoteLiteral(type);
  const notNullSql = op.nullable === undefined ? "CASE WHEN not_null THEN ' NOT NULL' ELSE '' END" : quoteLiteral(op.nullable.to ? "" : " NOT NULL");
  const keepComment =
    op.comment === undefined
      ? [`  IF description IS NOT NULL THEN EXECUTE format(${quoteLiteral(`COMMENT ON COLUMN ${table}.${column} IS %L`)}, description); END IF;`]
      : [];
  const body = [
    "DECLARE column_type text; not_null boolean; description text;",
    "BEGIN",
    `  SELECT pg_catalog.format_type(atttypid, atttypmod), attnotnull, pg_catalog.col_description(attrelid, attnum)`,
    `    INTO STRICT column_type, not_null, description FROM pg_catalog.pg_attribute`,
    `   WHERE attrelid = ${quoteLiteral(table)}::regclass AND attname = ${quoteLiteral(op.column)} AND NOT attisdropped;`,
    `  EXECUTE format(${quoteLiteral(alterSql)}, ${typeSql}, ${notNullSql});`,
    ...keepComment,
    "END",
  ].join("\n");
  let tag = "$migrator$";
  for (let n = 1; body.includes(tag); n += 1) tag = `$migrator${n}$`;
  return [statement(`${note}DO ${tag}\n${body}\n${tag}`)];
}
