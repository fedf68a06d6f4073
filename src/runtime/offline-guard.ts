/**
 * What the guard each step of an offline script starts with compares. The
 * script is written for one starting point; run twice (or on a database
 * elsewhere) its steps would run again: data inserted twice, the version
 * UPDATE matching no row without an error. The guard (the dialect's
 * offlineGuardSql) compares the version rows the plan knows about (every row
 * of every state along the plan) with what this step expects, and stops the
 * script otherwise, inside the step's transaction (or before a
 * non-transactional step's first statement), so it changes nothing. Rows the
 * plan never mentions (another branch) are left out of the comparison, so
 * unrelated heads do not stop a script.
 */
import type { Plan } from "../revisions/plan";
import { applyVersionRowChanges } from "../revisions/version-rows";

/** The version rows each step expects, and the rows the plan knows about. */
export function expectedRows(plan: Plan): { before: string[][]; known: string[] } {
  let rows = new Set(plan.rowsBefore);
  const known = new Set(rows);
  const before: string[][] = [];
  for (const step of plan.steps) {
    before.push([...rows]);
    rows = applyVersionRowChanges(rows, step.versionChanges);
    for (const id of rows) known.add(id);
  }
  return { before, known: [...known] };
}
