/**
 * The public API: what migrator.config.ts and revision files import.
 * Kept to types and tiny functions so importing it costs nothing at start-up.
 */
export { defineConfig } from "./config/define";
export type { UserConfig, RenameHint } from "./config/types";
export type { Operations } from "./ops/operations";
export type {
  ColumnSpec,
  AlterColumnOptions,
  CreateTableOptions,
  ForeignKeyOptions,
  IndexKeySpec,
  IndexOptions,
  TableRef,
} from "./ops";
export type { Operation } from "./ops/types";
export type { SchemaModel, TableModel, ColumnModel } from "./model/types";
export { MigratorError } from "./errors";
