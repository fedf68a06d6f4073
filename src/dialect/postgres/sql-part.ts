import type { DialectSql } from "../sql";
import { toOfflineSql } from "./offline";
import { skipRegion, splitStatements } from "./split-statements";
import { MAX_PARAMS, toSql } from "./to-sql";
import { findTransactionControl } from "./transaction-control";

export const postgresSql: DialectSql = Object.freeze({ maxParams: MAX_PARAMS, placesColumns: false, toSql, toOfflineSql, splitStatements, skipRegion, findTransactionControl });
