/**
 * MySQL's statements around steps. A statement timeout is MariaDB's
 * max_statement_time (every statement); MySQL 8 has none for DDL
 * (max_execution_time covers SELECT alone), so on both the timeout also
 * bounds lock waits, metadata (lock_wait_timeout: what DDL waits for) and
 * rows (innodb_lock_wait_timeout), in whole seconds. The `/*M! ... *\/`
 * part is run by MariaDB only. Commits cannot be relaxed per session
 * (innodb_flush_log_at_trx_commit is the server's): relaxedCommits is nothing.
 * A step's DDL lock timeout is lock_wait_timeout, whole seconds, per session.
 */
import type { TransactionSql } from "../../runtime";

function timeoutSql(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return `SET SESSION lock_wait_timeout = ${seconds}, innodb_lock_wait_timeout = ${seconds} /*M! , max_statement_time = ${(Math.max(0, ms) / 1000).toFixed(3)} */`;
}

/** How long DDL waits for a table's metadata lock (whole seconds; MySQL has no per-transaction form). */
function lockWaitSql(ms: number): string {
  return `SET SESSION lock_wait_timeout = ${Math.max(1, Math.ceil(ms / 1000))}`;
}

export const transactions: TransactionSql = Object.freeze({
  begin: (statementTimeoutMs: number | null) => (statementTimeoutMs === null ? "START TRANSACTION" : `${timeoutSql(statementTimeoutMs)}; START TRANSACTION`),
  commit: "COMMIT",
  rollback: "ROLLBACK",
  sessionTimeout: timeoutSql,
  resetSessionTimeout: "SET SESSION lock_wait_timeout = DEFAULT, innodb_lock_wait_timeout = DEFAULT /*M! , max_statement_time = DEFAULT */",
  relaxedCommits: (_on: boolean) => "",
  localLockTimeout: (ms: number | null) => (ms === null ? "SET SESSION lock_wait_timeout = DEFAULT" : lockWaitSql(ms)),
  sessionLockTimeout: lockWaitSql,
  resetSessionLockTimeout: "SET SESSION lock_wait_timeout = DEFAULT",
  stepSavepoint: "SAVEPOINT migrator_step",
  rollbackToStepSavepoint: "ROLLBACK TO SAVEPOINT migrator_step",
  releaseStepSavepoint: "RELEASE SAVEPOINT migrator_step",
  chain: (...statements: readonly string[]) => statements.filter((s) => s !== "").join(";\n"),
});
