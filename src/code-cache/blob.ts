/**
 * The cache file. V8 checks little of the bytecode it is handed (a flipped
 * bit crashed or changed what a module did), so nothing in the file is
 * trusted before a hash of its bytes matches:
 *
 *   magic (8 bytes) | SHA-256 of the index (32) | index length (4, LE) | index | bytecode
 *
 * The index is JSON: [filename, source hash, offset, length, SHA-256 of the
 * bytecode] per module, and what else the cache keeps (as `extra`). The
 * index and the file's layout are checked when the file is read; a module's
 * bytecode when it is about to be used (verifiedBytecode), so a run pays
 * only for the modules it loads. Anything that does not check out is absent.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { writeAtomically } from "../cache-files/write-atomically";

export interface CachedModule {
  readonly filename: string;
  /** Hash of the module's source, as the cache's user computes it. */
  readonly hash: string;
  readonly data: Buffer;
}

/** A module as read from the file: its bytecode not yet checked. */
export interface StoredModule extends CachedModule {
  readonly dataHash: string;
}

/** Changes with the layout, so a file of another version is simply absent. */
const MAGIC = Buffer.from("MGRCC\0\0\x03", "latin1");
const DIGEST = 32;
const HEADER = MAGIC.length + DIGEST + 4;

/** Blobs kept per folder (one per working directory and command), and their total size; the least recently written go first. */
const KEEP = 32;
const KEEP_BYTES = 256 * 2 ** 20;

type IndexEntry = [filename: string, hash: string, offset: number, length: number, dataHash: string];

export interface Blob {
  readonly modules: Map<string, StoredModule>;
  /** The rest of the index, as written (its bytes verified, its shape not). */
  readonly extra: unknown;
}

const EMPTY = (): Blob => ({ modules: new Map(), extra: undefined });

function digest(bytes: Uint8Array): Buffer {
  return createHash("sha256").update(bytes).digest();
}

/** What the file holds, modules by filename; empty when it is missing, unreadable, damaged or not ours. */
export function readBlob(file: string): Blob {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return EMPTY();
  }
  try {
    return parse(bytes) ?? EMPTY();
  } catch {
    return EMPTY();
  }
}

function parse(bytes: Buffer): Blob | undefined {
  if (bytes.length < HEADER || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const indexLength = bytes.readUInt32LE(MAGIC.length + DIGEST);
  const base = HEADER + indexLength;
  if (base > bytes.length) return undefined;
  const indexBytes = bytes.subarray(HEADER, base);
  if (!digest(indexBytes).equals(bytes.subarray(MAGIC.length, MAGIC.length + DIGEST))) return undefined;
  const index = JSON.parse(indexBytes.toString("utf8")) as { modules?: unknown; extra?: unknown };
  if (!Array.isArray(index.modules)) return undefined;
  const modules = new Map<string, StoredModule>();
  // the modules' bytecode lies end to end after the index and fills the rest of the file exactly
  let expected = 0;
  for (const entry of index.modules as unknown[]) {
    if (!isIndexEntry(entry)) return undefined;
    const [filename, hash, offset, length, dataHash] = entry;
    if (offset !== expected || length <= 0) return undefined;
    expected += length;
    modules.set(filename, { filename, hash, dataHash, data: bytes.subarray(base + offset, base + offset + length) });
  }
  if (base + expected !== bytes.length) return undefined;
  return { modules, extra: index.extra };
}

/** The module's bytecode if its bytes are the ones written; undefined when they are not. */
export function verifiedBytecode(module: StoredModule): Buffer | undefined {
  return digest(module.data).toString("hex") === module.dataHash ? module.data : undefined;
}

function isIndexEntry(value: unknown): value is IndexEntry {
  return (
    Array.isArray(value) &&
    value.length === 5 &&
    typeof value[0] === "string" &&
    typeof value[1] === "string" &&
    Number.isSafeInteger(value[2]) &&
    Number.isSafeInteger(value[3]) &&
    typeof value[4] === "string"
  );
}

/** Replaces the file with these modules. Never throws: a cache that cannot be written is simply not kept. */
export function writeBlob(file: string, modules: readonly CachedModule[], extra?: unknown): void {
  const entries: IndexEntry[] = [];
  let offset = 0;
  const kept = modules.filter((module) => module.data.length > 0);
  for (const module of kept) {
    entries.push([module.filename, module.hash, offset, module.data.length, digest(module.data).toString("hex")]);
    offset += module.data.length;
  }
  const index = Buffer.from(JSON.stringify({ modules: entries, extra }), "utf8");
  const length = Buffer.alloc(4);
  length.writeUInt32LE(index.length, 0);
  if (!writeAtomically(file, Buffer.concat([MAGIC, digest(index), length, index, ...kept.map((m) => m.data)]))) return;
  try {
    prune(dirname(file));
  } catch {
    // another process pruned the same folder meanwhile: its next write prunes again
  }
}

/** Drops the oldest blobs beyond KEEP or KEEP_BYTES, so directories used once do not pile up. */
function prune(dir: string): void {
  const blobs = readdirSync(dir)
    .filter((name) => name.endsWith(".bin"))
    .map((name) => {
      const stat = statSync(join(dir, name));
      return { path: join(dir, name), written: stat.mtimeMs, size: stat.size };
    })
    .sort((a, b) => b.written - a.written);
  let total = 0;
  blobs.forEach((blob, i) => {
    total += blob.size;
    // the newest (just written) always stays
    if (i > 0 && (i >= KEEP || total > KEEP_BYTES)) rmSync(blob.path, { force: true });
  });
}
