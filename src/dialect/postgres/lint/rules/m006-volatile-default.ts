/**
 * M006: a new column on an existing table whose rows each get a value of
 * their own (a volatile default, identity, serial, stored generated
 * column) rewrites the table. A constant or stable default does not
 * (PostgreSQL 11+ stores it once). A warning when lint cannot tell.
 */
import { displayColumn } from "../../../../model/names";
import type { Rule } from "../../../lint";

export const volatileDefault: Rule = {
  code: "M006",
  name: "volatile-default",
  severity: "error",
  explanation: "a new column whose existing rows each need their own value (a volatile default such as gen_random_uuid() or clock_timestamp(), an identity, a serial, a stored generated column) rewrites the table under an ACCESS EXCLUSIVE lock",
  fix: "add the column without the default (or with a constant one), set the default afterwards (only new rows use it), and fill the existing rows in batches",
  check(action, _statement, context) {
    if (action.kind !== "addColumn" || context.isNew(action.table)) return undefined;
    const column = displayColumn(action.table, action.column);
    const what = action.fillWith === undefined ? "" : ` (${action.fillWith})`;
    if (action.fill === "per-row") return { message: `${column} is added with a value computed per row${what}: the table is rewritten under an ACCESS EXCLUSIVE lock` };
    if (action.fill === "unknown") {
      return {
        severity: "warning",
        message: `${column} is added with a default lint cannot classify${what}: if it is volatile, the table is rewritten under an ACCESS EXCLUSIVE lock`,
      };
    }
    return undefined;
  },
};
