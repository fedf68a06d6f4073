/**
 * The MySQL dialect for runtime tests while its sql and types parts are
 * being built elsewhere: the real runtime part, with just enough of the sql
 * part for `op.execute` (its statements as given, parameters inlined as
 * literals offline). Replace with the real dialect once its parts land.
 */
import type { ResolvedConfig } from "../../src/config/types";
import type { Dialect } from "../../src/dialect";
import { postgres } from "../../src/dialect";
import type { DialectSql } from "../../src/dialect/sql";
import { statement } from "../../src/dialect/statement";
import { mysqlRuntime } from "../../src/dialect/mysql/runtime-part";
import { quoteLiteral } from "../../src/dialect/mysql/runtime/quote";

const sql: DialectSql = {
  maxParams: 65_535,
  toSql(op) {
    if (op.kind !== "execute") throw new Error(`the stand-in MySQL dialect runs op.execute only, not ${op.kind}`);
    return [statement(op.sql, { params: op.params ? [...op.params] : undefined })];
  },
  toOfflineSql(stmt) {
    let k = 0;
    return stmt.params === undefined ? stmt.sql : stmt.sql.replace(/\?/g, () => literal(stmt.params![k++]));
  },
  splitStatements(text) {
    let at = 0;
    const statements = text.split(";").map((part) => {
      const found = { sql: part.trim(), at };
      at += part.length + 1;
      return found;
    });
    return { statements: statements.filter((s) => s.sql !== "") };
  },
  skipRegion: () => undefined,
  findTransactionControl: () => undefined,
};

function literal(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "number") return String(value);
  return quoteLiteral(String(value));
}

export const mysqlStandIn: Dialect = Object.freeze({ ...postgres, name: "mysql", sql, runtime: mysqlRuntime });

/** A project's config pointed at a MariaDB database through the stand-in dialect. */
export function onMariaDb(config: ResolvedConfig, url: string): ResolvedConfig {
  return { ...config, database: { url }, dialect: mysqlStandIn };
}
