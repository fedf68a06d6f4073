/**
 * The data an operation loses, as one sentence, or undefined. Computed from
 * the op alone, with the differ's words (the differ marks its own ops; a test
 * holds the two to the same sentence), so the op API, reverse() and the
 * differ mark the same ops the same way.
 */
import { quoteIdent, quoteLiteral } from "../dialect/postgres/quote";
import { displayColumn, displayTable } from "../model/names";
import { canonicalTypeName } from "../model/type-spelling";
import { isWidening } from "../model/type-widening";
import type { Operation } from "./types";


/** What removing enum values loses; "it"/"them" agree with how many values go. */
export function removedEnumValuesLoss(enumName: string, removed: readonly string[]): string {
  const holding = removed.length === 1 ? "rows holding it fail" : "rows holding them fail";
  return `removes ${removed.map(quoteLiteral).join(", ")} from enum ${enumName}; ${holding} to convert`;
}

/**
 * What a type change that is not a widening may lose. Types in catalog
 * spelling, as the differ writes them, so `varchar(10)` and
 * `character varying(10)` give the same sentence.
 */
export function narrowingLoss(column: string, from: string, to: string): string {
  return `changes ${column} from ${canonicalTypeName(from)} to ${canonicalTypeName(to)}: values that do not fit are cut or rejected`;
}

export function dataLoss(op: Operation): string | undefined {
  switch (op.kind) {
    case "dropTable":
      return `drops table ${displayTable(op.table)} and its data`;
    case "dropColumn":
      return `drops column ${displayColumn(op.table, op.column)} and its data`;
    case "dropSchema":
      return op.cascade === true ? `drops schema ${quoteIdent(op.schema)} and everything in it` : undefined;
    case "recreateEnum": {
      const removed = op.previousValues.filter((value) => !op.values.includes(value));
      return removed.length === 0 ? undefined : removedEnumValuesLoss(displayTable(op.enum), removed);
    }
    case "alterColumn": {
      // Without the previous type (a hand-written op), whether it narrows is unknown.
      const type = op.type;
      if (type?.from === undefined || isWidening(type.from, type.to)) return undefined;
      return narrowingLoss(displayColumn(op.table, op.column), type.from, type.to);
    }
    default:
      return undefined;
  }
}

/** `op`, frozen, with `destructive` set when dataLoss knows what it loses (else as given). */
export function withDataLoss<T extends Operation>(op: T): T {
  const loss = dataLoss(op);
  return Object.freeze(loss === undefined ? op : { ...op, destructive: loss });
}
