/** M007: renaming a table or column breaks the application version still running during the deploy. */
import { displayColumn, displayTable } from "../../../../model/names";
import type { Rule } from "../../../lint";

export const rename: Rule = {
  code: "M007",
  name: "rename",
  severity: "error",
  explanation: "the application version still running while the revision deploys queries the old name, and fails until the new version is out",
  fix: "expand/contract: add the new table or column, write to both (or put a view under the old name), backfill, switch reads, and drop the old one in a later revision once no deployed version uses it",
  check(action, _statement, context) {
    if ((action.kind !== "renameTable" && action.kind !== "renameColumn") || context.isNew(action.table)) return undefined;
    if (action.kind === "renameTable") return { message: `table ${displayTable(action.table)} is renamed to "${action.to}" while the running application still uses the old name` };
    return { message: `column ${displayColumn(action.table, action.column)} is renamed to "${action.to}" while the running application still uses the old name` };
  },
};
