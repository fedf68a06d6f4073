export { migrate, formatMs, PROGRESS_THRESHOLD, type MigrateOptions, type MigrateResult, type MigrateStep } from "./migrate";
export { runPlan, type RunContext, type StepResult } from "./run";
export { dryRunPlan, type DryRunReport, type DryRunStep, type DryRunContext } from "./dry-run";
export { renderOfflinePlan, renderOfflineStamp, type OfflineContext } from "./offline";
export { withLockedSession, readCurrentRevisions, type Session, type SessionOptions } from "./session";
export {
  runtimeTables,
  createTablesSql,
  ensureTables,
  readVersionRows,
  readLatestLog,
  versionChangeStatements,
  type RuntimeTables,
  type LogEntry,
  type LogRow,
} from "./tables";
export { recordStepSql, versionCheckFailure } from "./bookkeeping";
export { lockKey } from "./lock";
export { loadRevisionModule, fileChecksums, revisionChecksum, type RevisionModule, type MigrationFunction } from "./revision-module";
export { stampRows, rowChanges } from "./stamp";
export { stepFailure, shorten } from "./failure";
export { planRelativeDowngrade, relativeDownCount } from "./relative-downgrade";
