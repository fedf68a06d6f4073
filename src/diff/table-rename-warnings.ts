/**
 * A dropped and a created table may be one table renamed. The rule, kept
 * plain so the hint is never a guess: the same schema, and the same columns
 * with the same types (their order aside). An enum type counts by its values,
 * not its name: TypeORM names it after the table (`<table>_<column>_enum`).
 * Each dropped table is paired with the first such created table not yet
 * paired (both in name order).
 */
import type { DialectTypes } from "../model/dialect-types";
import { displayTable } from "../model/names";
import type { SchemaModel, TableModel } from "../model/types";
import { enumOf } from "./enums";
import { hintTable } from "./names";

export function tableRenameWarnings(
  dropped: readonly TableModel[],
  added: readonly TableModel[],
  from: SchemaModel,
  to: SchemaModel,
  types: DialectTypes,
): string[] {
  const shapeFrom = shapeOf(from, types);
  const shapeTo = shapeOf(to, types);
  const unpaired = [...added];
  const warnings: string[] = [];
  for (const old of dropped) {
    const shape = shapeFrom(old);
    const at = unpaired.findIndex((table) => table.schema === old.schema && shapeTo(table) === shape);
    if (at < 0) continue;
    const [match] = unpaired.splice(at, 1);
    warnings.push(
      `table ${displayTable(old)} dropped and ${displayTable(match!)} created with the same columns: ` +
        `if this is a rename, pass --rename-table ${hintTable(old)}:${match!.name}`,
    );
  }
  return warnings;
}

/** Column names and types, order aside, as one comparable string. */
function shapeOf(model: SchemaModel, types: DialectTypes): (table: TableModel) => string {
  const enums = new Map(model.enums.map((e) => [types.enumTypeName(e), e.values]));
  const typeKey = (type: string): string => {
    const { base } = enumOf(type, types);
    const values = enums.get(base);
    return values === undefined ? type : `enum ${JSON.stringify(values)}${type.slice(base.length)}`;
  };
  return (table) =>
    table.columns
      .map((c) => `${c.name}\u0000${typeKey(c.type)}`)
      .sort()
      .join("\u0001");
}
