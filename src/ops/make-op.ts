/**
 * The one factory every operation comes out of: the `op` API, the differ and
 * reverse() all build their ops here, so every op is frozen, free of
 * `key: undefined`, and carries the data-loss note dataLoss gives it (an op
 * handed in with a note keeps it).
 */
import type { DialectTypes } from "../model/dialect-types";
import { dataLoss } from "./loss";
import type { Operation } from "./types";

/** `types` judge type narrowings (see dataLoss); pass undefined only where no one reads the marks. */
export function makeOp<T extends Operation>(op: T, types: DialectTypes | undefined): T {
  // Object.fromEntries forgets the key types; the entries are op's own, less the undefined ones
  const defined = Object.fromEntries(Object.entries(op).filter(([, value]) => value !== undefined)) as T;
  const loss = defined.destructive ?? dataLoss(defined, types);
  return Object.freeze(loss === undefined || loss === defined.destructive ? defined : { ...defined, destructive: loss });
}
