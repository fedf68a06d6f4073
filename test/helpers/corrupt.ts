/**
 * Deterministic damage to a cache file's bytes, for the corruption tests:
 * each trial is one seed, so a failure names a case that can be replayed.
 */
import { prng } from "../fixtures/random/generator";

export type Damage = "flip-bit" | "flip-8-bits" | "truncate" | "empty" | "edit-11-bytes" | "garbage";

export const DAMAGES: readonly Damage[] = ["flip-bit", "flip-8-bits", "truncate", "empty", "edit-11-bytes", "garbage"];

/** A damaged copy of `original`. */
export function damage(original: Buffer, kind: Damage, seed: number): Buffer {
  // the entity generator's mulberry32: the same seed gives the same damage on every machine
  const random = prng(seed);
  const at = (length: number): number => Math.floor(random() * length);
  const bytes = Buffer.from(original);
  switch (kind) {
    case "flip-bit":
      bytes[at(bytes.length)] ^= 1 << at(8);
      return bytes;
    case "flip-8-bits":
      for (let i = 0; i < 8; i++) bytes[at(bytes.length)] ^= 1 << at(8);
      return bytes;
    case "truncate":
      return bytes.subarray(0, at(bytes.length));
    case "empty":
      return Buffer.alloc(0);
    case "edit-11-bytes": {
      const start = at(bytes.length - 11);
      for (let i = 0; i < 11; i++) bytes[start + i] = at(256);
      return bytes;
    }
    case "garbage":
      return Buffer.from(Array.from({ length: 1 + at(4096) }, () => at(256)));
  }
}
