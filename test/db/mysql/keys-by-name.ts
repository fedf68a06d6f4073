import { sortedByName } from "../../../src/model/names";
import type { SchemaModel } from "../../../src/model/types";

/**
 * A model with each table's indexes and foreign keys by name. Normalising
 * keeps the entities' order (a created table's keys print in it, as
 * synchronize's do), introspection reads them by name; comparison matches
 * them by name.
 */
export function keysByName(model: SchemaModel): SchemaModel {
  return { ...model, tables: model.tables.map((table) => ({ ...table, indexes: sortedByName(table.indexes), foreignKeys: sortedByName(table.foreignKeys) })) };
}
