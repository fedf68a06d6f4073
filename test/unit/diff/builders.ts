/** Small builders for hand-made models: every field explicit, overridable. */
import {
  emptyModel,
  type ColumnModel,
  type ForeignKeyModel,
  type IndexModel,
  type SchemaModel,
  type TableModel,
  type ViewModel,
} from "../../../src/model/types";

export function col(name: string, type = "integer", extra: Partial<ColumnModel> = {}): ColumnModel {
  return { name, type, nullable: true, default: null, identity: null, serial: false, generated: null, collation: null, comment: null, ...extra };
}

export function table(name: string, columns: ColumnModel[], extra: Partial<TableModel> = {}): TableModel {
  return {
    schema: "public",
    name,
    columns,
    primaryKey: null,
    uniques: [],
    indexes: [],
    foreignKeys: [],
    checks: [],
    exclusions: [],
    comment: null,
    ...extra,
  };
}

export function idTable(name: string, columns: ColumnModel[] = [], extra: Partial<TableModel> = {}): TableModel {
  return table(name, [col("id", "integer", { nullable: false }), ...columns], { primaryKey: { name: `PK_${name}`, columns: ["id"] }, ...extra });
}

export function fk(name: string, columns: string[], referenced: string, extra: Partial<ForeignKeyModel> = {}): ForeignKeyModel {
  return {
    name,
    columns,
    referencedTable: { schema: "public", name: referenced },
    referencedColumns: ["id"],
    onDelete: "NO ACTION",
    onUpdate: "NO ACTION",
    deferrable: false,
    initiallyDeferred: false,
    ...extra,
  };
}

export function index(name: string, columns: string[], extra: Partial<IndexModel> = {}): IndexModel {
  return { name, unique: false, method: "btree", keys: columns.map((column) => ({ column })), where: null, include: [], ...extra };
}

export function view(name: string, definition: string, extra: Partial<ViewModel> = {}): ViewModel {
  return { schema: "public", name, materialized: false, definition, indexes: [], ...extra };
}

export function model(extra: Partial<SchemaModel> = {}): SchemaModel {
  return { ...emptyModel(), ...extra };
}
