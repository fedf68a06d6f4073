/** Enum types: create, drop, add/rename a value, and recreate with a new value list. */
import type { EnumModel } from "../../model/types";
import type { AddEnumValueOp, RecreateEnumOp, RenameEnumValueOp } from "../../ops/types";
import { qualified, quoteIdent, quoteLiteral } from "./quote";
import { statement, type Statement } from "../statement";

export function createEnum(model: EnumModel): Statement[] {
  return [statement(`CREATE TYPE ${qualified(model)} AS ENUM (${model.values.map(quoteLiteral).join(", ")})`)];
}

export function dropEnum(model: EnumModel): Statement[] {
  return [statement(`DROP TYPE ${qualified(model)}`)];
}

export function addEnumValue(op: AddEnumValueOp): Statement[] {
  let sql = `ALTER TYPE ${qualified(op.enum)} ADD VALUE ${quoteLiteral(op.value)}`;
  if (op.before !== undefined) sql += ` BEFORE ${quoteLiteral(op.before)}`;
  else if (op.after !== undefined) sql += ` AFTER ${quoteLiteral(op.after)}`;
  return [statement(sql)];
}

export function renameEnumValue(op: RenameEnumValueOp): Statement[] {
  return [statement(`ALTER TYPE ${qualified(op.enum)} RENAME VALUE ${quoteLiteral(op.from)} TO ${quoteLiteral(op.to)}`)];
}

/** Identifiers are at most 63 bytes; the temporary name keeps its suffix whole. */
export function temporaryEnumName(name: string): string {
  const suffix = "__migrator_old";
  let base = name;
  while (Buffer.byteLength(base + suffix) > 63) base = base.slice(0, -1);
  return base + suffix;
}

/**
 * Rename the old type away, create the new one, convert each using column
 * through text (its default is dropped first: it is typed by the old enum),
 * then drop the old type.
 */
export function recreateEnum(op: RecreateEnumOp): Statement[] {
  const type = qualified(op.enum);
  const temporary = temporaryEnumName(op.enum.name);
  const statements = [
    statement(`ALTER TYPE ${type} RENAME TO ${quoteIdent(temporary)}`),
    statement(`CREATE TYPE ${type} AS ENUM (${op.values.map(quoteLiteral).join(", ")})`),
  ];
  for (const usage of op.usages) {
    const alter = `ALTER TABLE ${qualified(usage.table)} ALTER COLUMN ${quoteIdent(usage.column)}`;
    const column = quoteIdent(usage.column);
    const using = usage.array ? `${column}::text[]::${type}[]` : `${column}::text::${type}`;
    if (usage.default !== null) statements.push(statement(`${alter} DROP DEFAULT`));
    statements.push(statement(`${alter} TYPE ${type}${usage.array ? "[]" : ""} USING ${using}`));
    const restored = usage.newDefault === undefined ? usage.default : usage.newDefault;
    if (restored !== null) statements.push(statement(`${alter} SET DEFAULT ${restored}`));
  }
  statements.push(statement(`DROP TYPE ${qualified({ schema: op.enum.schema, name: temporary })}`));
  return statements;
}
