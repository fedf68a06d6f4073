/**
 * The data an operation loses, as one sentence, or undefined. Computed from
 * the op alone so the op API and reverse() mark the same ops the same way.
 * Type narrowing in alterColumn is the differ's judgement and is left as given.
 */
import { qualified, quoteIdent, quoteLiteral } from "../dialect/quote";
import type { Operation } from "./types";

export function dataLoss(op: Operation): string | undefined {
  switch (op.kind) {
    case "dropTable":
      return `drops table ${qualified(op.table)} and all its rows`;
    case "dropColumn":
      return `drops column ${qualified(op.table)}.${quoteIdent(op.column)} and its values`;
    case "dropSchema":
      return op.cascade === true ? `drops schema ${quoteIdent(op.schema)} and everything in it` : undefined;
    case "recreateEnum": {
      const removed = op.previousValues.filter((value) => !op.values.includes(value));
      return removed.length === 0
        ? undefined
        : `removes ${removed.map(quoteLiteral).join(", ")} from enum ${qualified(op.enum)}; rows holding them fail to convert`;
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
