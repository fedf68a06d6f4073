/**
 * The guard each step of an offline script starts with: a DO block that
 * raises unless the version rows the plan knows about are exactly what this
 * step expects, so under `psql -v ON_ERROR_STOP=1` a script run twice (or on
 * another database) stops inside the step's transaction and changes nothing.
 */
import type { Direction, RuntimeTables } from "../../runtime";
import { qualified, quoteLiteral } from "../quote";

export function offlineGuardSql(
  tables: RuntimeTables,
  step: { revision: string; direction: Direction },
  expectedRows: readonly string[],
  knownRows: readonly string[],
): string {
  const expected = byteOrder(expectedRows);
  const known = byteOrder(knownRows);
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

/** Sorted as the "C" collation sorts: by UTF-8 bytes. */
function byteOrder(ids: readonly string[]): string[] {
  return [...ids].sort((a, b) => Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8")));
}
