/** M001: CREATE INDEX without CONCURRENTLY on a table that already holds rows. */
import { displayTable } from "../../../../model/names";
import type { Rule } from "../../../lint";

export const indexWithoutConcurrently: Rule = {
  code: "M001",
  name: "index-without-concurrently",
  severity: "error",
  explanation: "building an index without CONCURRENTLY holds a SHARE lock on the table: every write waits until the whole build is done",
  fix: "build it CONCURRENTLY in a non-transactional revision: `op.createIndex(table, name, keys, { concurrently: true })` with `export const transactional = false` (.sql: `CREATE INDEX CONCURRENTLY` under `-- transactional: false`)",
  check(action, _statement, context) {
    if (action.kind !== "createIndex" || action.concurrently || context.isNew(action.table)) return undefined;
    return { message: `index "${action.name}" on ${displayTable(action.table)} is built without CONCURRENTLY: writes to ${displayTable(action.table)} wait for the whole build` };
  },
};
