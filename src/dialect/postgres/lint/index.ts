/**
 * PostgreSQL's part of `migrator lint`: which statements take which lock,
 * scan or rewrite a table, and the server's own parser for raw SQL. The
 * rules and reporting are neutral (src/lint).
 */
import type { DialectLint } from "../../lint";
import { operationStatements } from "./operations";
import { sqlStatements } from "./sql";

export const postgresLint: DialectLint = Object.freeze({
  operation: operationStatements,
  sql: sqlStatements,
});
