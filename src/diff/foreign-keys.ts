/**
 * Foreign keys of tables present on both sides. A key is dropped and created
 * again when it changed, and also when what it leans on changes under it: a
 * column of either side changes type, or the referenced primary key / unique
 * constraint / unique index is dropped (PostgreSQL refuses to drop those while
 * a foreign key needs them).
 */
import { qualifiedKey, type TableModel } from "../model/types";
import type { CreateForeignKeyOp, DropConstraintOp } from "../ops/types";
import { sortedByName } from "../model/names";
import { indexByName, sameForeignKey } from "./compare";
import { keyOf, type TableDiff } from "./table-diff";

export interface ForeignKeyDiff {
  readonly drops: DropConstraintOp[];
  readonly creates: CreateForeignKeyOp[];
}

export function diffForeignKeys(
  before: TableModel,
  after: TableModel,
  changes: ReadonlyMap<string, TableDiff>,
): ForeignKeyDiff {
  const table = { schema: after.schema, name: after.name };
  const own = changes.get(qualifiedKey(after));
  const afterByName = indexByName(after.foreignKeys);
  const beforeByName = indexByName(before.foreignKeys);
  const result: ForeignKeyDiff = { drops: [], creates: [] };
  const rebuilt = new Set<string>();

  for (const foreignKey of sortedByName(before.foreignKeys)) {
    const next = afterByName.get(foreignKey.name);
    const theirs = changes.get(qualifiedKey(foreignKey.referencedTable));
    const shaken =
      foreignKey.columns.some((c) => own?.retyped.has(c) ?? false) ||
      foreignKey.referencedColumns.some((c) => theirs?.retyped.has(c) ?? false) ||
      (theirs?.droppedKeys.has(keyOf(foreignKey.referencedColumns)) ?? false);
    if (next && sameForeignKey(foreignKey, next) && !shaken) continue;
    result.drops.push({ kind: "dropConstraint", table, name: foreignKey.name, definition: { type: "foreignKey", foreignKey } });
    if (next && sameForeignKey(foreignKey, next)) rebuilt.add(foreignKey.name);
  }
  for (const foreignKey of sortedByName(after.foreignKeys)) {
    const old = beforeByName.get(foreignKey.name);
    if (!old || !sameForeignKey(old, foreignKey) || rebuilt.has(foreignKey.name)) {
      result.creates.push({ kind: "createForeignKey", table, foreignKey });
    }
  }
  return result;
}
