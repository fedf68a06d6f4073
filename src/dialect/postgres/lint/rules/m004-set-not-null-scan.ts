/** M004: SET NOT NULL on an existing table reads every row under ACCESS EXCLUSIVE, unless a validated `IS NOT NULL` check proves it first. */
import { displayColumn } from "../../../../model/names";
import type { Rule } from "../../../lint";

export const setNotNullScan: Rule = {
  code: "M004",
  name: "set-not-null-scan",
  severity: "error",
  explanation: "SET NOT NULL reads every row to prove it holds no NULL, holding an ACCESS EXCLUSIVE lock: no query reads or writes the table meanwhile",
  fix:
    "add `CHECK (column IS NOT NULL) NOT VALID`, VALIDATE it in a later transaction, then SET NOT NULL (PostgreSQL 12+ then skips the scan) and drop the check; lint sees the check when it is validated in the same revision, else silence this with the revision that validated it as the reason",
  check(action, _statement, context) {
    if (action.kind !== "setNotNull" || context.isNew(action.table)) return undefined;
    if (context.hasValidNotNullCheck(action.table, action.column)) return undefined;
    return { message: `${displayColumn(action.table, action.column)} is set NOT NULL by reading every row under an ACCESS EXCLUSIVE lock` };
  },
};
