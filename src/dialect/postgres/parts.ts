/**
 * PostgreSQL's six parts as one object, registered as loaded when this module runs:
 * the Dialect object (./dialect.ts) requires it on the first read of a part
 * (src/dialect/lazy-dialect.ts).
 */
import { registerParts, type DialectParts } from "../lazy-dialect";
import { postgresCatalog } from "./catalog-part";
import { postgresLint } from "./lint-part";
import { postgresQuoting } from "./quoting-part";
import { postgresRuntime } from "./runtime-part";
import { postgresSql } from "./sql-part";
import { postgresTypes } from "./types-part";

export const postgresParts: DialectParts = Object.freeze({
  quote: postgresQuoting,
  sql: postgresSql,
  types: postgresTypes,
  catalog: postgresCatalog,
  runtime: postgresRuntime,
  lint: postgresLint,
});

registerParts("postgres", postgresParts);
