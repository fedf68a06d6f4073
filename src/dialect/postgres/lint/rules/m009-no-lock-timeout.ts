/**
 * M009: an ACCESS EXCLUSIVE lock requested with no lock_timeout. Waiting
 * behind one long query, the request queues every later query on the
 * table behind it. Reported once per revision, at the first such statement.
 */
import { displayTable } from "../../../../model/names";
import type { Rule } from "../../../lint";

export const noLockTimeout: Rule = {
  code: "M009",
  name: "no-lock-timeout",
  severity: "warning",
  explanation: "a statement waiting for an ACCESS EXCLUSIVE lock behind one long query makes every later query on the table wait behind it",
  fix: "start the revision with `SET LOCAL lock_timeout = '5s'` (op.execute; in a non-transactional revision `SET lock_timeout`, and RESET it at the end) so the statement fails cleanly instead of stopping the table, then retry",
  check(action, _statement, context) {
    if (action.kind !== "lock" || action.lock.blocks !== "reads-and-writes") return undefined;
    if (context.lockTimeoutSet || context.isNew(action.lock.table) || context.reported("M009")) return undefined;
    return {
      message: `takes an ${action.lock.mode} lock on ${displayTable(action.lock.table)} with no lock_timeout set: while it waits, every query on ${displayTable(action.lock.table)} queues behind it (the first such statement of the revision)`,
    };
  },
};
