/**
 * PostgreSQL's statements around steps. Several statements in one
 * simple-protocol message run in order and stop at the first error, which
 * is what lets a step's bookkeeping, COMMIT and the next BEGIN share a
 * round trip. synchronous_commit off makes a COMMIT not wait for its WAL
 * flush; the run turns it back on for its last step, whose flush covers
 * every commit before it. A step's lock_timeout is SET LOCAL, so it ends
 * with the step's transaction (and with a rollback).
 */
import type { TransactionSql } from "../../runtime";

export const transactions: TransactionSql = Object.freeze({
  begin: (statementTimeoutMs: number | null) =>
    statementTimeoutMs === null ? "BEGIN" : `BEGIN; SET LOCAL statement_timeout = ${Math.floor(statementTimeoutMs)}`,
  commit: "COMMIT",
  rollback: "ROLLBACK",
  localLockTimeout: (ms: number | null) => (ms === null ? "SET LOCAL lock_timeout TO DEFAULT" : `SET LOCAL lock_timeout = ${Math.max(1, Math.floor(ms))}`),
  sessionLockTimeout: (ms: number) => `SET lock_timeout = ${Math.max(1, Math.floor(ms))}`,
  resetSessionLockTimeout: "RESET lock_timeout",
  stepSavepoint: "SAVEPOINT migrator_step",
  rollbackToStepSavepoint: "ROLLBACK TO SAVEPOINT migrator_step",
  releaseStepSavepoint: "RELEASE SAVEPOINT migrator_step",
  sessionTimeout: (ms: number) => `SET statement_timeout = ${Math.floor(ms)}`,
  resetSessionTimeout: "RESET statement_timeout",
  relaxedCommits: (on: boolean) => (on ? "SET synchronous_commit = off" : "RESET synchronous_commit"),
  chain: (...statements: readonly string[]) => statements.filter((s) => s !== "").join("; "),
});
