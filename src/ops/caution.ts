/**
 * What an op risks besides losing data, as one sentence, or undefined: a
 * distinct kind of mark from `destructive` (nothing is lost, but the
 * statement can fail on the rows it finds, or hold a long lock). Computed
 * from the op alone, so an upgrade's op and a downgrade's reverse are marked
 * the same way.
 */
import { displayColumn } from "../model/names";
import type { AlterColumnOp, Operation } from "./types";

/**
 * Each op's caution in a body, in order: a SET NOT NULL that ops before it
 * prove with a validated check `col IS NOT NULL` (the online form, see
 * diff/online.ts) neither scans nor can fail, so it has none.
 */
export function cautionsInOrder(ops: readonly Operation[]): (string | undefined)[] {
  return ops.map((op, index) => (op.kind === "alterColumn" && provenNotNull(op, ops.slice(0, index)) ? undefined : caution(op)));
}

function provenNotNull(op: AlterColumnOp, before: readonly Operation[]): boolean {
  const validated = new Set(before.flatMap((o) => (o.kind === "validateConstraint" && o.table.name === op.table.name && o.table.schema === op.table.schema ? [o.name] : [])));
  return before.some(
    (o) =>
      o.kind === "createCheckConstraint" &&
      o.table.name === op.table.name &&
      o.table.schema === op.table.schema &&
      validated.has(o.check.name) &&
      o.check.expression.endsWith(" IS NOT NULL") &&
      o.check.expression.includes(op.column),
  );
}

export function caution(op: Operation): string | undefined {
  if (op.kind === "alterColumn" && op.nullable?.to === false && op.nullable.from !== false) {
    // SET NOT NULL checks every row, holding ACCESS EXCLUSIVE until it is done.
    return `sets ${displayColumn(op.table, op.column)} NOT NULL: fails if any row holds NULL, and scans the table under an ACCESS EXCLUSIVE lock`;
  }
  return undefined;
}
