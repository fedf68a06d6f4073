/**
 * What an op risks besides losing data, as one sentence, or undefined: a
 * distinct kind of mark from `destructive` (nothing is lost, but the
 * statement can fail on the rows it finds, or hold a long lock). Computed
 * from the op alone, so an upgrade's op and a downgrade's reverse are marked
 * the same way.
 */
import { displayColumn } from "../model/names";
import type { Operation } from "./types";

export function caution(op: Operation): string | undefined {
  if (op.kind === "alterColumn" && op.nullable?.to === false && op.nullable.from !== false) {
    // SET NOT NULL checks every row, holding ACCESS EXCLUSIVE until it is done.
    return `sets ${displayColumn(op.table, op.column)} NOT NULL: fails if any row holds NULL, and scans the table under an ACCESS EXCLUSIVE lock`;
  }
  return undefined;
}
