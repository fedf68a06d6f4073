/**
 * MySQL's six parts as one object, registered as loaded when this module runs:
 * the Dialect object (./dialect.ts) requires it on the first read of a part
 * (src/dialect/lazy-dialect.ts).
 */
import { registerParts, type DialectParts } from "../lazy-dialect";
import { mysqlCatalog } from "./catalog-part";
import { mysqlLint } from "./lint-part";
import { mysqlQuoting } from "./quoting-part";
import { mysqlRuntime } from "./runtime-part";
import { mysqlSql } from "./sql-part";
import { mysqlTypes } from "./types-part";

export const mysqlParts: DialectParts = Object.freeze({
  quote: mysqlQuoting,
  sql: mysqlSql,
  types: mysqlTypes,
  catalog: mysqlCatalog,
  runtime: mysqlRuntime,
  lint: mysqlLint,
});

registerParts("mysql", mysqlParts);
