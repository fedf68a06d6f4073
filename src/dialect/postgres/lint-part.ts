/**
 * What `migrator lint` asks of PostgreSQL (./lint): loaded on first use, so
 * only lint and autogenerate's lint pay for it; the parser inside it loads
 * later still, on the first SQL it reads.
 */
import type { DialectLint } from "../lint";
import { POSTGRES_RULES } from "./lint/rules";
import { tableWork } from "./lint/work";

const lint: DialectLint = {
  operation: async (op, at) => (await import("./lint/operations")).operationStatements(op, at),
  sql: async (sql, at, firstLine) => (await import("./lint/sql")).sqlStatements(sql, at, firstLine),
  rules: POSTGRES_RULES,
  work: tableWork,
};

export const postgresLint: DialectLint = Object.freeze(lint);
