/** M011: a statement PostgreSQL refuses inside a transaction block (CREATE INDEX CONCURRENTLY...) in a transactional revision. */
import type { Rule } from "../../../lint";

export const needsNoTransaction: Rule = {
  code: "M011",
  name: "needs-no-transaction",
  severity: "error",
  explanation: "the statement cannot run inside a transaction block, and migrator runs this revision in one: it fails when it runs",
  fix: "make the revision non-transactional: `export const transactional = false` (.sql: `-- transactional: false`), keeping only statements that are safe to rerun after an interruption",
  check(action, _statement, context) {
    if (action.kind !== "needsNoTransaction" || !context.transactional) return undefined;
    return { message: `${action.statement} cannot run inside the revision's transaction` };
  },
};
