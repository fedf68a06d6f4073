/**
 * The guard each step of an offline script starts with. The script is
 * written for one starting point; run twice (or on a database elsewhere) its
 * steps would run again: data inserted twice, the version UPDATE matching no
 * row without an error. The guard compares the version rows the plan knows
 * about (every row of every state along the plan) with what this step
 * expects, and raises an exception otherwise, so under `psql -v
 * ON_ERROR_STOP=1` the script stops inside the step's transaction (or
 * before a non-transactional step's first statement) and changes nothing.
 * Rows the plan never mentions (another branch) are left out of the
 * comparison, so unrelated heads do not stop a script.
 */
import { qualified, quoteLiteral } from "../dialect/postgres/quote";
import type { Plan } from "../revisions/plan";
import { applyVersionRowChanges } from "../revisions/version-rows";
import type { RuntimeTables } from "./tables";

/** The version rows each step expects (sorted), and the rows the plan knows about. */
export function expectedRows(plan: Plan): { before: string[][]; known: string[] } {
  let rows = new Set(plan.rowsBefore);
  const known = new Set(rows);
  const before: string[][] = [];
  for (const step of plan.steps) {
    before.push(byteOrder([...rows]));
    rows = applyVersionRowChanges(rows, step.versionChanges);
    for (const id of rows) known.add(id);
  }
  return { before, known: byteOrder([...known]) };
}

/** A DO block that raises unless the known version rows are exactly `expected`. */
export function guardSql(
  tables: RuntimeTables,
  step: { revision: string; direction: "up" | "down" },
  expected: readonly string[],
  known: readonly string[],
): string {
  const verb = step.direction === "up" ? "upgrade" : "downgrade";
  const want = expected.length === 0 ? "NULL" : quoteLiteral(expected.join(", "));
  const inList = known.map((id) => quoteLiteral(id)).join(", ");
  const body = [
    "DECLARE at_rows text;",
    "BEGIN",
    // COLLATE "C": the same byte order the expected text was joined in
    `  SELECT string_agg(version_num, ', ' ORDER BY version_num COLLATE "C") INTO at_rows FROM ${qualified(tables.version)}` +
      (known.length === 0 ? " WHERE false;" : ` WHERE version_num IN (${inList});`),
    `  IF at_rows IS DISTINCT FROM ${want} THEN`,
    "    RAISE EXCEPTION 'migrator: the % of revision % expects the version table at %, but it is at %', " +
      `${quoteLiteral(verb)}, ${quoteLiteral(step.revision)}, ${quoteLiteral(expected.length === 0 ? "base" : expected.join(", "))}, coalesce(at_rows, 'base')`,
    "      USING HINT = 'this script has already run here, or the database is at another revision: see migrator current';",
    "  END IF;",
    "END",
  ].join("\n");
  let tag = "$migrator$";
  for (let n = 1; body.includes(tag); n += 1) tag = `$migrator${n}$`;
  return `DO ${tag}\n${body}\n${tag}`;
}

/** Sorted as PostgreSQL's "C" collation sorts: by UTF-8 bytes. */
function byteOrder(ids: string[]): string[] {
  return ids.sort((a, b) => Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8")));
}
