import type { DialectSql } from "../sql";
import { toOfflineSql } from "./sql/offline";
import { skipRegion } from "./sql/lexer";
import { BASELINE_SERVER, parseServerVersion, type MysqlServer } from "./sql/server";
import { splitStatements } from "./sql/split-statements";
import { MAX_PARAMS, toSqlFor } from "./sql/to-sql";
import { findTransactionControl } from "./sql/transaction-control";

/** The SQL part for one server (sql/server.ts says what differs); `version` is `SELECT VERSION()`'s text or a parsed server. */
export function mysqlSqlFor(version: string | MysqlServer): DialectSql {
  const server = typeof version === "string" ? parseServerVersion(version) : version;
  return Object.freeze({ maxParams: MAX_PARAMS, placesColumns: true, toSql: toSqlFor(server), toOfflineSql, splitStatements, skipRegion, findTransactionControl, forServer: mysqlSqlFor });
}

/** Where no server is known (offline output): the forms of MariaDB 10.5+ and MySQL 8.0+. */
export const mysqlSql: DialectSql = mysqlSqlFor(BASELINE_SERVER);
