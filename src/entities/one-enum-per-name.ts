/**
 * One enum type per name when several columns use it (`enumName`, or one
 * table declared twice). synchronize creates the type from the first column
 * and compares each later one with it as a set of labels (TypeORM's
 * isArraysEqual): the same labels in another order change nothing, other
 * labels make it rebuild the type on every run. The first is kept; other
 * labels are an error naming both columns. A later column that names the
 * enum without labels (`{ type: "enum", enumName: "x" }`, TypeORM issue
 * 7541) uses the type as declared: synchronize finds it there and compares
 * nothing.
 */
import { EntityError } from "../errors";
import { displayTable } from "../model/names";
import { qualifiedKey, type EnumModel } from "../model/types";

/** In first-use order. `owners[i]` names the column of `uses[i]` as the user's code does (`Order.state`). */
export function oneEnumPerName(uses: readonly EnumModel[], owners: readonly string[]): EnumModel[] {
  const first = new Map<string, { type: EnumModel; owner: string }>();
  uses.forEach((use, i) => {
    const owner = owners[i] ?? use.name;
    const key = qualifiedKey(use);
    const seen = first.get(key);
    if (!seen) {
      first.set(key, { type: { schema: use.schema, name: use.name, values: [...use.values] }, owner });
      return;
    }
    if (use.values.length > 0 && !sameLabels(seen.type.values, use.values)) {
      throw new EntityError(
        `enum ${displayTable(use)} is declared by ${seen.owner} (${seen.type.values.join(", ")}) and by ${owner} (${use.values.join(", ")})`,
        { hint: "give the columns the same labels, or one of them another enumName" },
      );
    }
  });
  return [...first.values()].map((entry) => entry.type);
}

function sameLabels(a: readonly string[], b: readonly string[]): boolean {
  const labels = new Set(a);
  return a.length === b.length && b.every((label) => labels.has(label));
}
