/**
 * The compiled entity files of a project in one file
 * (.migrator/cache/ts/entities.pack), beside the one-file-per-module
 * entries: a fresh clone's first run wrote 300 entries on the thread pool
 * (creating and renaming a file costs more than transpiling it: ~100 ms of
 * CPU at 300 entities on this kind of disk), and every later run opened and
 * read each of them. One file is written once and read once.
 *
 *   magic (8 bytes) | SHA-256 of everything after it (32) | index length (4, LE) | index | code
 *
 * The index is JSON, [cache key, byte length] per module, the code (UTF-8)
 * end to end after it. A pack whose hash does not match, or that is not
 * laid out exactly so, is absent: its modules are compiled again.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { writeAtomically } from "../cache-files/write-atomically";

const MAGIC = Buffer.from("MGRTP\0\0\x01", "latin1");
const DIGEST = 32;
const HEADER = MAGIC.length + DIGEST + 4;

export const PACK_FILE = "entities.pack";

function digest(bytes: Uint8Array): Buffer {
  return createHash("sha256").update(bytes).digest();
}

/** The pack's modules by cache key; empty when it is missing, damaged or not ours. */
export function readPack(path: string): Map<string, string> {
  const modules = new Map<string, string>();
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return modules;
  }
  try {
    if (bytes.length < HEADER || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return modules;
    if (!digest(bytes.subarray(MAGIC.length + DIGEST)).equals(bytes.subarray(MAGIC.length, MAGIC.length + DIGEST))) return modules;
    const indexEnd = HEADER + bytes.readUInt32LE(MAGIC.length + DIGEST);
    const index: unknown = JSON.parse(bytes.subarray(HEADER, indexEnd).toString("utf8"));
    if (!Array.isArray(index)) return modules;
    let offset = indexEnd;
    for (const entry of index as unknown[]) {
      if (!Array.isArray(entry) || typeof entry[0] !== "string" || !Number.isSafeInteger(entry[1]) || (entry[1] as number) < 0) return new Map();
      const end = offset + (entry[1] as number);
      if (end > bytes.length) return new Map();
      modules.set(entry[0], bytes.subarray(offset, end).toString("utf8"));
      offset = end;
    }
    return offset === bytes.length ? modules : new Map();
  } catch {
    return new Map();
  }
}

/** Replaces the pack with these modules. Never throws; false when it could not be written. */
export function writePack(path: string, modules: ReadonlyMap<string, string>): boolean {
  const codes = [...modules.values()].map((code) => Buffer.from(code, "utf8"));
  const index = Buffer.from(JSON.stringify([...modules.keys()].map((key, i) => [key, codes[i]!.length])), "utf8");
  const length = Buffer.alloc(4);
  length.writeUInt32LE(index.length, 0);
  const body = Buffer.concat([length, index, ...codes]);
  return writeAtomically(path, Buffer.concat([MAGIC, digest(body), body]));
}
