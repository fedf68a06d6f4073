/**
 * M005: a column type change that rewrites the table (or rebuilds the
 * column's indexes) under ACCESS EXCLUSIVE. A warning when lint cannot tell
 * (raw SQL does not say the old type, and the new one can be reached
 * without a rewrite from some types).
 */
import { displayColumn } from "../../../../model/names";
import type { Rule } from "../../../lint";

export const typeChangeRewrite: Rule = {
  code: "M005",
  name: "type-change-rewrite",
  severity: "error",
  explanation: "a type change that is not a binary-compatible widening rewrites the whole table and its indexes under an ACCESS EXCLUSIVE lock",
  fix: "expand/contract: add a column of the new type, fill it in batches (and keep it filled with a trigger), switch the application over, then drop the old column; widenings such as varchar(n) to a longer varchar or text need no rewrite",
  check(action, _statement, context) {
    if (action.kind !== "changeType" || context.isNew(action.table) || action.cost === "none") return undefined;
    const column = displayColumn(action.table, action.column);
    const change = action.from === undefined ? `to ${action.to}` : `(${action.from} -> ${action.to})`;
    switch (action.cost) {
      case "rewrite":
        return { message: `${column} changes type ${change}: the table is rewritten under an ACCESS EXCLUSIVE lock` };
      case "reindex":
        return { message: `${column} changes type ${change}: the indexes on the column are rebuilt under an ACCESS EXCLUSIVE lock` };
      case "unknown":
        return {
          severity: "warning",
          message: `${column} changes type to ${action.to}: lint does not know the old type, and unless it is a binary-compatible widening the table is rewritten under an ACCESS EXCLUSIVE lock`,
        };
    }
  },
};
