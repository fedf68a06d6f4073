/**
 * PostgreSQL's statements around steps. Several statements in one
 * simple-protocol message run in order and stop at the first error, which
 * is what lets a step's bookkeeping, COMMIT and the next BEGIN share a
 * round trip. synchronous_commit off makes a COMMIT not wait for its WAL
 * flush; the run turns it back on for its last step, whose flush covers
 * every commit before it.
 */
import type { TransactionSql } from "../../runtime";

export const transactions: TransactionSql = Object.freeze({
  begin: (statementTimeoutMs: number | null) =>
    statementTimeoutMs === null ? "BEGIN" : `BEGIN; SET LOCAL statement_timeout = ${Math.floor(statementTimeoutMs)}`,
  commit: "COMMIT",
  rollback: "ROLLBACK",
  sessionTimeout: (ms: number) => `SET statement_timeout = ${Math.floor(ms)}`,
  resetSessionTimeout: "RESET statement_timeout",
  relaxedCommits: (on: boolean) => (on ? "SET synchronous_commit = off" : "RESET synchronous_commit"),
  chain: (...statements: readonly string[]) => statements.filter((s) => s !== "").join("; "),
});
