/** M002: a UNIQUE, PRIMARY KEY or EXCLUDE constraint added to an existing table builds its index under ACCESS EXCLUSIVE. */
import { displayTable } from "../../../../model/names";
import type { Rule } from "../../../lint";

export const constraintBuildsIndex: Rule = {
  code: "M002",
  name: "constraint-builds-index",
  severity: "error",
  explanation: "adding a UNIQUE, PRIMARY KEY or EXCLUDE constraint builds its index while holding an ACCESS EXCLUSIVE lock: no query reads or writes the table until it is built",
  fix: "build a unique index CONCURRENTLY first (non-transactional revision), then attach it: `ALTER TABLE ... ADD CONSTRAINT name UNIQUE USING INDEX index_name` (PRIMARY KEY USING INDEX alike)",
  check(action, _statement, context) {
    if (action.kind !== "addConstraint" || context.isNew(action.table) || action.usingIndex) return undefined;
    if (action.type !== "unique" && action.type !== "primaryKey" && action.type !== "exclusion") return undefined;
    const what = action.type === "unique" ? "unique constraint" : action.type === "primaryKey" ? "primary key" : "exclusion constraint";
    const table = displayTable(action.table);
    if (action.type === "exclusion") {
      return {
        message: `${what} "${action.name}" on ${table} builds its index under an ACCESS EXCLUSIVE lock`,
        fix: "PostgreSQL cannot attach an exclusion constraint to an index built beforehand: add it while the table is small, or silence this with the reason it is safe",
      };
    }
    return { message: `${what} "${action.name}" on ${table} builds its index under an ACCESS EXCLUSIVE lock: no query reads or writes ${table} until it is built` };
  },
};
