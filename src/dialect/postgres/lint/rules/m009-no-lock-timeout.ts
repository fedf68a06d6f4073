/**
 * M009: an ACCESS EXCLUSIVE lock requested with no lock_timeout. Waiting
 * behind one long query, the request queues every later query on the
 * table behind it. Reported once per revision, at the first such statement.
 * A lock timeout the runner sets (ddlLockTimeout, `online: true`'s default,
 * or the revision's own) is in force from the revision's first statement:
 * the engine starts with it set, and a RESET in the revision's SQL ends it.
 */
import { displayTable } from "../../../../model/names";
import type { Rule } from "../../../lint";

export const noLockTimeout: Rule = {
  code: "M009",
  name: "no-lock-timeout",
  severity: "warning",
  explanation: "a statement waiting for an ACCESS EXCLUSIVE lock behind one long query makes every later query on the table wait behind it",
  fix: "let migrator set one and retry: `ddlLockTimeout` in migrator.config.ts (`online: true` sets 2 s) or `export const ddlLockTimeout = 2000` in the revision (`-- ddl_lock_timeout: 2000` in an .sql one); or start the revision with `SET LOCAL lock_timeout = '2s'` (no retry then)",
  check(action, _statement, context) {
    if (action.kind !== "lock" || action.lock.blocks !== "reads-and-writes") return undefined;
    if (context.lockTimeoutSet || context.isNew(action.lock.table) || context.reported("M009")) return undefined;
    return {
      message: `takes an ${action.lock.mode} lock on ${displayTable(action.lock.table)} with no lock_timeout set: while it waits, every query on ${displayTable(action.lock.table)} queues behind it (the first such statement of the revision)`,
    };
  },
};
