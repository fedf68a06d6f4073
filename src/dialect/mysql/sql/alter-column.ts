/**
 * alterColumn -> MySQL. A default alone changes with ALTER COLUMN ... SET /
 * DROP DEFAULT, instantly (unless the column has ON UPDATE, which MariaDB
 * would drop with it: decided from the catalog when it runs). Every other change is a MODIFY COLUMN with the
 * whole definition, the properties the op does not change copied from the
 * catalog (column-rewrite.ts). MySQL converts values itself: it has no USING.
 */
import type { AlterColumnOp } from "../../../ops/types";
import type { Statement } from "../../statement";
import { qualified, quoteIdent } from "../quote";
import { autoIncrement } from "./definitions";
import { INSTANT } from "./online";
import { refuse } from "./refuse";
import { rewriteColumn, type ColumnOverrides } from "./column-rewrite";

/** A default SET DEFAULT takes on every server: a literal (an expression needs MODIFY on MySQL before 8.0.23). */
const LITERAL_DEFAULT = /^(?:'(?:[^'\\]|'')*'|-?\d+(?:\.\d+)?|NULL)$/i;

export function alterColumn(op: AlterColumnOp): Statement[] {
  if (op.type?.using !== undefined) {
    refuse(`USING clause (column ${op.column} to ${op.type.to})`, "MySQL converts values itself on MODIFY COLUMN; transform them with op.execute before or after");
  }
  const onlyDefault = op.default !== undefined && Object.keys(op).every((key) => ["kind", "table", "column", "default", "destructive"].includes(key));
  if (onlyDefault && op.default !== undefined && (op.default.to === null || LITERAL_DEFAULT.test(op.default.to))) {
    const change = op.default.to === null ? "DROP DEFAULT" : `SET DEFAULT ${op.default.to}`;
    // MariaDB's SET / DROP DEFAULT also drops a column's ON UPDATE: such a column is restated whole instead
    return rewriteColumn(op.table, op.column, { default: op.default.to }, undefined, {
      unlessOnUpdate: `ALTER TABLE ${qualified(op.table)} ALTER COLUMN ${quoteIdent(op.column)} ${change}${INSTANT}`,
    });
  }
  const overrides: { -readonly [K in keyof ColumnOverrides]: ColumnOverrides[K] } = {};
  if (op.type !== undefined) overrides.type = op.type.to;
  if (op.nullable !== undefined) overrides.nullable = op.nullable.to;
  if (op.default !== undefined) overrides.default = op.default.to;
  if (op.generated !== undefined) overrides.generated = op.generated.to;
  if (op.collation !== undefined) overrides.collation = op.collation.to;
  if (op.comment !== undefined) overrides.comment = op.comment.to;
  if (op.charset !== undefined) overrides.charset = op.charset.to;
  if (op.generatedStorage !== undefined) overrides.generatedStorage = op.generatedStorage.to;
  if (op.onUpdate !== undefined) overrides.onUpdate = op.onUpdate.to;
  if (op.identity !== undefined) overrides.autoIncrement = autoIncrement({ name: op.column, serial: false, identity: op.identity.to });
  return rewriteColumn(op.table, op.column, overrides);
}
