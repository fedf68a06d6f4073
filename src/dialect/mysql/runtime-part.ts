import type { DialectRuntime } from "../runtime";
import { connect, withConnection } from "./connection/connect";
import { describeDatabase } from "./connection/describe";
import { sqlState } from "./connection/errors";
import { asPrivilegeError, completePrivilegeNote, describePrivilegeFailure, isPrivilegeFailure, withPrivilegeErrors } from "./connection/privilege";
import { useSchema } from "./connection/schema";
import { serverVersion } from "./connection/version";
import { sendBatch } from "./runtime/batch";
import { recordStepSql, startStepSql, stepProgressSql, versionCheckFailure } from "./runtime/bookkeeping";
import { alreadyExists } from "./runtime/errors";
import { isLockTimeout, lockHolders } from "./runtime/lock-holders";
import { migrationLockHeld, readInvalidIndexes, readUnfinishedSteps } from "./runtime/interrupted";
import { acceptChecksumStatement, readLog } from "./runtime/log";
import { offlineFinishStatement, offlineGuardSql, offlineLogStatement, offlineStartStatement } from "./runtime/offline";
import {
  createTablesSql,
  existingTables,
  purgeVersionSql,
  readLatestLog,
  relaxLogSql,
  selectVersionRows,
  versionChangeStatements,
} from "./runtime/tables";
import { transactions } from "./runtime/transactions";

/** MySQL and MariaDB commit each DDL statement at once: every step runs as a non-transactional one (see src/runtime/run.ts). */
export const mysqlRuntime: DialectRuntime = Object.freeze({
  transactionalDdl: false,
  connect,
  withConnection,
  describeDatabase,
  useSchema,
  serverVersion,
  errorCode: sqlState,
  alreadyExists,
  isPrivilegeFailure,
  describePrivilegeFailure,
  asPrivilegeError,
  withPrivilegeErrors,
  completePrivilegeNote,
  createTablesSql,
  relaxLogSql,
  existingTables,
  selectVersionRows,
  versionChangeStatements,
  purgeVersionSql,
  readLatestLog,
  readLog,
  acceptChecksumStatement,
  startStepSql,
  stepProgressSql,
  recordStepSql,
  versionCheckFailure,
  offlineLogStatement,
  offlineStartStatement,
  offlineFinishStatement,
  offlineGuardSql,
  readUnfinishedSteps,
  readInvalidIndexes,
  migrationLockHeld,
  isLockTimeout,
  lockHolders,
  transactions,
  sendBatch,
});
