/**
 * The public API: what migrator.config.ts and revision files import.
 * Kept to types and tiny functions so importing it costs nothing at start-up.
 */
export { defineConfig } from "./config/define";
export type { UserConfig, RenameHint } from "./config/types";
export type { Operations } from "./ops/operations";
export type { BackfillOptions, SqlExpression } from "./ops";
export type { BackfillProgress } from "./runtime/backfill";
export type {
  ColumnSpec,
  ColumnPositionSpec,
  AlterColumnOptions,
  CreateTableOptions,
  ForeignKeyOptions,
  IndexKeySpec,
  IndexOptions,
  TableRef,
} from "./ops";
export type { Operation } from "./ops/types";
export type { SchemaModel, TableModel, ColumnModel } from "./model/types";
export { MigratorError, ConfigError, DatabaseError, RevisionError, EntityError, UsageError } from "./errors";
export { createMigrator } from "./api/create-migrator";
export type { CreateMigratorOptions, Migrator, MigrateCallOptions, RevisionCallOptions, FleetCallOptions, FleetMigrator } from "./api/create-migrator";
export type { FleetReport, TargetReport, FleetProgress, TargetResult } from "./fleet/types";
export type { MigrateResult } from "./runtime/migrate";
export type { CheckResult } from "./commands/check";
export type { CurrentResult } from "./commands/current";
export type { HeadsResult } from "./commands/heads";
export type { HistoryResult } from "./commands/history";
export type { RevisionResult } from "./commands/revision";
export type { AutogenerateResult } from "./commands/autogenerate";
export type { StampResult } from "./commands/stamp";
export type { StatusResult } from "./commands/status";
export type { ValidateResult } from "./commands/validate";
export type { LogResult, AppliedStep } from "./commands/log";
