/**
 * ALTER COLUMN: one statement per change, in an order PostgreSQL accepts
 * whatever combination is present (one entry per column property, see
 * ops/column-properties.ts):
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
import type { ColumnProperty } from "../../ops/column-properties";
import type { AlterColumnOp } from "../../ops/types";
import { qualified, quoteIdent, quoteLiteral } from "./quote";
import { columnCommentStatement } from "./definitions";
import { statement, type Statement } from "../statement";

/** One property's statements in one phase; `alter` writes `ALTER TABLE t ALTER COLUMN c <clause>`. */
type Step = (op: AlterColumnOp, alter: (clause: string) => Statement) => Statement[];

interface PropertySql {
  /** Before the type changes: what the old type holds is taken off (in the reverse of the table's order). */
  readonly off?: Step;
  /** The property is part of the one `TYPE ... COLLATE ... USING` clause. */
  readonly retype?: true;
  /** After the type changes, in the table's order. */
  readonly on?: Step;
}

/** The new generated expression, when the op sets one (the column is then dropped and added back). */
function regenerated(op: AlterColumnOp): string | null {
  return op.generated !== undefined && op.generated.to !== null ? op.generated.to : null;
}

/** A MySQL-only property: PostgreSQL has no such thing, so a revision asking for it is refused. */
function notOnPostgres(key: "generatedStorage" | "charset" | "onUpdate", what: string): PropertySql {
  return {
    on: (op) => {
      if (op[key] === undefined) return [];
      throw new MigratorError(`${qualified(op.table)}.${quoteIdent(op.column)}: PostgreSQL has no ${what}`, {
        hint: `${key} is a MySQL/MariaDB column property; remove it from this alterColumn`,
      });
    },
  };
}

/** Every column property's SQL, in the order its `on` steps run: a property missing here does not compile. */
const SQL: { readonly [K in ColumnProperty]: PropertySql } = {
  type: { retype: true },
  collation: { retype: true },
  nullable: { on: (op, alter) => (op.nullable === undefined ? [] : [alter(op.nullable.to ? "DROP NOT NULL" : "SET NOT NULL")]) },
  default: {
    // A default typed for the old type may not convert: take it off before the type changes.
    off: (op, alter) => (op.default !== undefined && (op.default.to === null || op.type !== undefined) ? [alter("DROP DEFAULT")] : []),
    on: (op, alter) => (op.default !== undefined && op.default.to !== null ? [alter(`SET DEFAULT ${op.default.to}`)] : []),
  },
  identity: {
    off: (op, alter) => (op.identity !== undefined && op.identity.to === null ? [alter("DROP IDENTITY")] : []),
    on: (op, alter) => {
      const identity = op.identity;
      if (identity === undefined || identity.to === null) return [];
      const adds = identity.from === undefined || identity.from === null;
      return [alter(adds ? `ADD GENERATED ${identity.to} AS IDENTITY` : `SET GENERATED ${identity.to}`)];
    },
  },
  generated: {
    off: (op, alter) => (op.generated !== undefined && op.generated.to === null ? [alter("DROP EXPRESSION")] : []),
    on: (op) => {
      const expression = regenerated(op);
      return expression === null ? [] : regenerateColumn(op, expression);
    },
  },
  generatedStorage: notOnPostgres("generatedStorage", "VIRTUAL generated columns (only STORED)"),
  charset: notOnPostgres("charset", "per-column character set"),
  onUpdate: notOnPostgres("onUpdate", "ON UPDATE column clause"),
  comment: { on: (op) => (op.comment === undefined ? [] : [columnCommentStatement(op.table, op.column, op.comment.to)]) },
};

// the record's own keys, in the order written: its type admits no others
const ORDER = Object.keys(SQL) as ColumnProperty[];

export function alterColumn(op: AlterColumnOp): Statement[] {
  const table = qualified(op.table);
  const column = quoteIdent(op.column);
  const alter = (clause: string): Statement => statement(`ALTER TABLE ${table} ALTER COLUMN ${column} ${clause}`);
  const present = ORDER.filter((key) => op[key] !== undefined);
  const out: Statement[] = [];
  for (const key of [...present].reverse()) out.push(...(SQL[key].off?.(op, alter) ?? []));
  // a regenerated column is added back with its new type and collation
  if (regenerated(op) === null && present.some((key) => SQL[key].retype === true)) out.push(alter(typeClause(op)));
  for (const key of present) out.push(...(SQL[key].on?.(op, alter) ?? []));
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
