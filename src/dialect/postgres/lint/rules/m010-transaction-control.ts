/** M010: COMMIT, BEGIN, ROLLBACK, SAVEPOINT... inside a revision migrator runs in a transaction. */
import type { Rule } from "../../../lint";

export const transactionControl: Rule = {
  code: "M010",
  name: "transaction-control",
  severity: "error",
  explanation: "migrator runs the revision in one transaction; a statement that ends or splits it keeps half the revision when a later statement fails, and migrator refuses to run it",
  fix: "remove it, or make the revision non-transactional (`export const transactional = false`, .sql: `-- transactional: false`) and manage transactions yourself",
  check(action, _statement, context) {
    if (action.kind !== "transactionControl" || !context.transactional) return undefined;
    return { message: `${action.statement} inside the revision's transaction` };
  },
};
