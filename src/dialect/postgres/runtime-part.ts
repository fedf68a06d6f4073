import type { Executor } from "../../db/types";
import type { DialectRuntime } from "../runtime";
import { connect, withConnection } from "./connection/connect";
import { describeDatabase } from "./connection/describe";
import { sqlState } from "./connection/executor";
import { asPrivilegeError, completePrivilegeNote, describePrivilegeFailure, isPrivilegeFailure, withPrivilegeErrors } from "./connection/privilege";
import { backfillSql } from "./runtime/backfill";
import { sendBatch } from "./runtime/batch";
import { recordStepSql, startStepSql, versionCheckFailure } from "./runtime/bookkeeping";
import { alreadyExists } from "./runtime/errors";
import { migrationLockHeld, readInvalidIndexes, readUnfinishedSteps } from "./runtime/interrupted";
import { isLockTimeout, lockHolders } from "./runtime/lock-holders";
import { acceptChecksumStatement, readLog } from "./runtime/log";
import { offlineGuardSql } from "./runtime/offline-guard";
import { offlineFinishStatement, offlineLogStatement, offlineStartStatement } from "./runtime/offline-log";
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
import { resetSearchPath, useTenantSchema } from "./search-path";

export const postgresRuntime: DialectRuntime = Object.freeze({
  transactionalDdl: true,
  connect,
  withConnection,
  describeDatabase,
  useSchema: (executor: Executor, schema: string | null) => (schema === null ? resetSearchPath(executor) : useTenantSchema(executor, schema)),
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
  backfill: backfillSql,
});
