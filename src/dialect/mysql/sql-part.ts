import type { DialectSql } from "../sql";
import { notBuilt } from "./not-built";

export const mysqlSql: DialectSql = notBuilt<DialectSql>("sql");
