/** What the scratch copy does not render, put back from the raw model. */
import { compareText } from "../../../model/names";
import type { ColumnModel, ExtensionModel, TableModel } from "../../../model/types";
import { qualifiedKey } from "../../../model/types";

/**
 * Foreign keys (in the catalog's order, by name), and the serial or identity
 * of a column (built as its plain type; see scratchTable).
 */
export function withModelParts(read: TableModel, raw: ReadonlyMap<string, TableModel>): TableModel {
  const model = raw.get(qualifiedKey(read));
  if (model === undefined) return read;
  const rawColumns = new Map(model.columns.map((c) => [c.name, c]));
  const columns = read.columns.map((column): ColumnModel => {
    const declared = rawColumns.get(column.name);
    if (declared === undefined || (!declared.serial && declared.identity === null)) return column;
    return { ...column, serial: declared.serial, identity: declared.identity };
  });
  return { ...read, columns, foreignKeys: [...model.foreignKeys].sort((a, b) => compareText(a.name, b.name)) };
}

/** An extension the entities do not pin lands where the database puts it (or already has it). */
export function withSchemas(raw: readonly ExtensionModel[], read: readonly ExtensionModel[]): ExtensionModel[] {
  const installed = new Map(read.map((e) => [e.name, e.schema]));
  return [...raw]
    .map((e) => ({ name: e.name, schema: e.schema ?? installed.get(e.name) ?? null }))
    .sort((a, b) => compareText(a.name, b.name));
}
