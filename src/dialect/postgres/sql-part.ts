import type { DialectSql } from "../sql";

export const postgresSql: DialectSql = Object.freeze({});
