/**
 * Offline output (`--sql`): a statement with its `?` placeholders replaced
 * by literals (quote.ts renderLiteral), in order. A `?` inside a string,
 * quoted name or comment is left alone.
 */
import { MigratorError } from "../../../errors";
import type { Statement } from "../../statement";
import { renderLiteral } from "../quote";
import { skipRegion } from "./lexer";

export function toOfflineSql(statement: Statement): string {
  const params = statement.params ?? [];
  if (params.length === 0) return statement.sql;
  let out = "";
  let used = 0;
  let i = 0;
  const sql = statement.sql;
  while (i < sql.length) {
    const region = skipRegion(sql, i);
    if (region !== undefined) {
      const end = "end" in region ? region.end : sql.length;
      out += sql.slice(i, end);
      i = end;
      continue;
    }
    if (sql[i] === "?") {
      if (used >= params.length) throw new MigratorError(`the SQL has more ? placeholders than the ${params.length} parameter(s) given: ${sql.slice(0, 80)}`);
      out += renderLiteral(params[used]);
      used += 1;
    } else out += sql[i];
    i += 1;
  }
  if (used !== params.length) throw new MigratorError(`the SQL has ${used} ? placeholder(s) but ${params.length} parameter(s) were given: ${sql.slice(0, 80)}`);
  return out;
}
