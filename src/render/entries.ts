/** What every op's rendering shares: the style of a body, and options written as `[key, value]` entries. */
import { text, type Doc } from "./doc";
import type { Spelling } from "./spelling";
import { stringDoc } from "./value";

export interface RenderStyle {
  /**
   * Write the before-state that only reverse() reads: definitions of what a
   * drop removes, alterColumn's `existing*`, addEnumValue's previous values
   * and usages, a comment's previous text. The downgrade keeps it; the
   * upgrade does not need it (its reverse is rendered from the ops in memory
   * when the file is written) and reads like a person's: `op.dropColumn("user", "notes")`.
   */
  readonly beforeState: boolean;
  readonly spelling: Spelling;
}

/** An op call's options, in order; an entry whose value is undefined is left out. */
export type Entries = [string, Doc | undefined][];

export function nullableDoc(value: string | null): Doc {
  return value === null ? text("null") : stringDoc(value);
}

export function changed<T>(value: T | undefined, doc: (value: T) => Doc): Doc | undefined {
  return value === undefined ? undefined : doc(value);
}
