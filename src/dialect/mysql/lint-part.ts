/**
 * What `migrator lint` reads a MySQL revision as (./lint/operations.ts).
 * No MySQL rules yet: the engine's own (unreadable SQL, silences...) apply,
 * and none about MySQL's locks is claimed before it is written and proven.
 */
import type { DialectLint } from "../lint";
import { operationStatements, sqlStatements } from "./lint/operations";

const lint: DialectLint = {
  operation: async (op, at) => operationStatements(op, at),
  sql: async (sql, at, firstLine) => sqlStatements(sql, at, firstLine),
  rules: [],
  // what a statement scans or rewrites on MySQL is not claimed until it is written and proven
  work: () => undefined,
};

export const mysqlLint: DialectLint = Object.freeze(lint);
