/**
 * The data an operation loses, as one sentence, or undefined. Computed from
 * the op alone, so the op API, reverse() and the differ mark the same ops the
 * same way; only the op factory (make-op.ts) asks, once per op.
 */
import type { DialectTypes } from "../model/dialect-types";
import { displayColumn, displayIdent, displayLiteral, displayTable } from "../model/names";
import type { Operation } from "./types";

/** What removing enum values loses; "it"/"them" agree with how many values go. */
function removedEnumValuesLoss(enumName: string, removed: readonly string[]): string {
  const holding = removed.length === 1 ? "rows holding it fail" : "rows holding them fail";
  return `removes ${removed.map(displayLiteral).join(", ")} from enum ${enumName}; ${holding} to convert`;
}

/**
 * `types` judges whether a type change narrows; without them (an op API whose
 * caller reads no marks) a narrowing is left unmarked, as for an op that does
 * not record its previous type. Types are named in the catalog's spelling, so
 * `varchar(10)` and `character varying(10)` give the same sentence.
 */
export function dataLoss(op: Operation, types: DialectTypes | undefined): string | undefined {
  switch (op.kind) {
    case "dropTable":
      return `drops table ${displayTable(op.table)} and its data`;
    case "dropColumn":
      return `drops column ${displayColumn(op.table, op.column)} and its data`;
    case "dropSchema":
      return op.cascade === true ? `drops schema ${displayIdent(op.schema)} and everything in it` : undefined;
    case "recreateEnum": {
      const removed = op.previousValues.filter((value) => !op.values.includes(value));
      return removed.length === 0 ? undefined : removedEnumValuesLoss(displayTable(op.enum), removed);
    }
    case "alterColumn": {
      // Without the previous type (a hand-written op), whether it narrows is unknown.
      const type = op.type;
      if (types === undefined || type?.from === undefined || types.isWidening(type.from, type.to)) return undefined;
      const [from, to] = [types.canonicalName(type.from), types.canonicalName(type.to)];
      return `changes ${displayColumn(op.table, op.column)} from ${from} to ${to}: values that do not fit are cut or rejected`;
    }
    default:
      return undefined;
  }
}
