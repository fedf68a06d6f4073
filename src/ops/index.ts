export * from "./types";
export { Operations, collectOperations, type RevisionHome } from "./operations";
export { moveModel, moveSchema, type SchemaMove } from "./move-schema";
export { RecordingSink, offlineQueryError, type OperationSink } from "./sink";
export { columnSpecFromModel, toColumnModel, type ColumnSpec } from "./column-spec";
export type { ColumnPositionSpec } from "./column-position";
export type { ConstraintDefinitionSpec } from "./constraint-spec";
export type {
  AlterColumnOptions,
  EnumUsageSpec,
  CheckSpec,
  CreateTableOptions,
  DeferrableOptions,
  ExclusionSpec,
  ForeignKeyOptions,
  ForeignKeySpec,
  IndexKeySpec,
  IndexOptions,
  IndexSpec,
  PrimaryKeySpec,
  UniqueSpec,
} from "./specs";
export { resolveRef, type TableRef } from "./table-ref";
export { reverse, isIrreversible, type Irreversible } from "./reverse";
export { describeOperation } from "./describe";
export { dataLoss } from "./loss";
export { makeOp } from "./make-op";
export { opTable } from "./op-table";
export { COLUMN_PROPERTIES, COLUMN_PROPERTY_KEYS, type ColumnProperty } from "./column-properties";
export { caution } from "./caution";
export { SqlFragment, type SqlExpression } from "./sql-expression";
export { DEFAULT_BACKFILL_BATCH, type BackfillOptions } from "./backfill-spec";
