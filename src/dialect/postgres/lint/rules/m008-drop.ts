/** M008: dropping a table or column the running application may still use (fine as the contract step, once no deployed version does). */
import { displayColumn, displayTable } from "../../../../model/names";
import type { Rule } from "../../../lint";

export const drop: Rule = {
  code: "M008",
  name: "drop",
  severity: "warning",
  explanation: "an application version that still reads or writes the dropped table or column fails as soon as the revision commits",
  fix: "drop it only once no deployed version uses it (for TypeORM: remove it from the entities and deploy that first), then silence this with that as the reason",
  check(action, _statement, context) {
    if (action.kind === "dropTable" && !context.isNew(action.table)) return { message: `table ${displayTable(action.table)} is dropped` };
    if (action.kind === "dropColumn" && !context.isNew(action.table)) return { message: `column ${displayColumn(action.table, action.column)} is dropped` };
    return undefined;
  },
};
