/**
 * A raw model shaped like the benchmark's entities (bench/scenarios/autogenerate.js):
 * per table a serial key, ten columns, a composite index, a unique and a
 * foreign key to an earlier table. Spelled loosely, as the entity reader
 * would (`varchar`, `timestamptz`, `now()`), so normalise has work to do.
 */
import type { Executor } from "../../../src/db/types";
import { toSql } from "../../../src/dialect/postgres";
import type { ColumnModel, SchemaModel, TableModel } from "../../../src/model/types";
import type { Operation } from "../../../src/ops/types";

function column(name: string, type: string, extra: Partial<ColumnModel> = {}): ColumnModel {
  return { name, type, nullable: false, default: null, identity: null, serial: false, generated: null, collation: null, comment: null, ...extra };
}

function wideTable(i: number): TableModel {
  const name = `entity${i}`;
  const parent = i === 0 ? name : `entity${Math.floor(i / 2)}`;
  return {
    schema: "public",
    name,
    columns: [
      column("id", "integer", { serial: true }),
      column("name", "varchar(100)"),
      column("code", "varchar"),
      column("note", "text", { nullable: true }),
      column("count", "int4"),
      column("price", "numeric(10,2)"),
      column("active", "bool", { default: "true" }),
      column("data", "jsonb", { nullable: true }),
      column("createdAt", "timestamptz", { default: "now()" }),
      column("ref", "uuid", { nullable: true }),
      column("total", "int8", { default: "0" }),
      column("parentId", "integer", { nullable: true }),
    ],
    primaryKey: { name: `PK_${name}`, columns: ["id"] },
    uniques: [{ name: `UQ_${name}_code`, columns: ["code"], deferrable: false, initiallyDeferred: false }],
    indexes: [{ name: `IDX_${name}_name_count`, unique: false, method: "btree", keys: [{ column: "name" }, { column: "count" }], where: null, include: [] }],
    foreignKeys: [{
      name: `FK_${name}_parent`, columns: ["parentId"], referencedTable: { schema: "public", name: parent }, referencedColumns: ["id"],
      onDelete: "CASCADE", onUpdate: "NO ACTION", deferrable: false, initiallyDeferred: false,
    }],
    checks: [],
    exclusions: [],
    comment: null,
  };
}

export function wideModel(tables: number): SchemaModel {
  return { schemas: [], extensions: [], enums: [], tables: Array.from({ length: tables }, (_, i) => wideTable(i)), views: [] };
}

/** The model's objects, created by the dialect in a few batches: tables, then foreign keys, then views. */
export async function buildWide(executor: Executor, model: SchemaModel): Promise<void> {
  const ops: Operation[] = [
    ...model.enums.map((type): Operation => ({ kind: "createEnum", enum: type })),
    ...model.tables.map((table): Operation => ({ kind: "createTable", table: { ...table, foreignKeys: [] } })),
    ...model.tables.flatMap((table) => table.foreignKeys.map((foreignKey): Operation => ({ kind: "createForeignKey", table, foreignKey }))),
    ...model.views.map((view): Operation => ({ kind: "createView", view })),
  ];
  const statements = ops.flatMap((op) => toSql(op).map((statement) => statement.sql));
  for (let i = 0; i < statements.length; i += 500) await executor.exec(statements.slice(i, i + 500).join("\n;\n"));
}
