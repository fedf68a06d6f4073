/**
 * M003: a foreign key or check added to an existing table without NOT
 * VALID checks every row under its lock; so does a VALIDATE in the same
 * transaction as the NOT VALID addition (the addition's lock is still held).
 */
import { displayTable } from "../../../../model/names";
import type { Rule } from "../../../lint";

export const constraintValidatedUnderLock: Rule = {
  code: "M003",
  name: "constraint-validated-under-lock",
  severity: "error",
  explanation:
    "a foreign key or check added without NOT VALID reads every row while holding its lock (SHARE ROW EXCLUSIVE for a foreign key, ACCESS EXCLUSIVE for a check): writes, or all queries, wait for the scan",
  fix: "add it NOT VALID, then `ALTER TABLE ... VALIDATE CONSTRAINT name` in a later transaction (a later revision, or a non-transactional one): validating takes a lock that lets reads and writes go on",
  check(action, _statement, context) {
    if (action.kind === "validateConstraint") {
      if (!context.transactional || !context.addedNotValidInTransaction(action.table, action.name)) return undefined;
      return {
        message: `constraint "${action.name}" on ${displayTable(action.table)} is validated in the transaction that added it NOT VALID: the addition's lock is held for the whole scan`,
        fix: "validate it in a later revision, or make this revision non-transactional (`export const transactional = false`) so each statement commits on its own",
      };
    }
    if (action.kind !== "addConstraint" || action.notValid || context.isNew(action.table)) return undefined;
    if (action.type !== "foreignKey" && action.type !== "check") return undefined;
    const what = action.type === "foreignKey" ? "foreign key" : "check";
    const table = displayTable(action.table);
    const lock = action.type === "foreignKey" ? "writes to it" : "every query on it";
    return { message: `${what} "${action.name}" on ${table} is added without NOT VALID: it reads all of ${table} while ${lock} waits` };
  },
};
