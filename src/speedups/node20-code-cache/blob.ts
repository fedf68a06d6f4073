/**
 * NODE 20 ONLY (see hook.ts): delete with this folder when Node 20 support is dropped.
 *
 * The cache file. V8 checks little of the bytecode it is handed (a flipped
 * bit crashed or changed what a module did), so nothing in the file is
 * trusted before a hash of its bytes matches:
 *
 *   magic (8 bytes) | SHA-256 of everything after it (32) | index length (4, LE) | index | bytecode
 *
 * The index is JSON: [filename, source hash, offset, length] per module, and
 * what else the cache keeps (as `extra`). One hash over the whole file when
 * it is read: a run loads nearly every module the file holds (it is kept
 * per command and folder), and hashing 3 MB at once costs a fifth of
 * hashing it module by module (~600 calls). Anything that does not check out
 * is absent.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { writeAtomically } from "../../cache-files/write-atomically";

export interface CachedModule {
  readonly filename: string;
  /** Hash of the module's source, as the cache's user computes it. */
  readonly hash: string;
  readonly data: Buffer;
}

/** Changes with the layout, so a file of another version is simply absent. */
const MAGIC = Buffer.from("MGRCC\0\0\x04", "latin1");
const DIGEST = 32;
const HEADER = MAGIC.length + DIGEST + 4;

/** Blobs kept per folder (one per working directory and command), and their total size; the least recently written go first. */
const KEEP = 32;
const KEEP_BYTES = 256 * 2 ** 20;

type IndexEntry = [filename: string, hash: string, offset: number, length: number];

export interface Blob {
  /** Their bytecode verified with the rest of the file. */
  readonly modules: Map<string, CachedModule>;
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
  if (!digest(bytes.subarray(MAGIC.length + DIGEST)).equals(bytes.subarray(MAGIC.length, MAGIC.length + DIGEST))) return undefined;
  const indexLength = bytes.readUInt32LE(MAGIC.length + DIGEST);
  const base = HEADER + indexLength;
  if (base > bytes.length) return undefined;
  const index = JSON.parse(bytes.subarray(HEADER, base).toString("utf8")) as { modules?: unknown; extra?: unknown };
  if (!Array.isArray(index.modules)) return undefined;
  const modules = new Map<string, CachedModule>();
  // the modules' bytecode lies end to end after the index and fills the rest of the file exactly
  let expected = 0;
  for (const entry of index.modules as unknown[]) {
    if (!isIndexEntry(entry)) return undefined;
    const [filename, hash, offset, length] = entry;
    if (offset !== expected || length <= 0) return undefined;
    expected += length;
    modules.set(filename, { filename, hash, data: bytes.subarray(base + offset, base + offset + length) });
  }
  if (base + expected !== bytes.length) return undefined;
  return { modules, extra: index.extra };
}

function isIndexEntry(value: unknown): value is IndexEntry {
  return (
    Array.isArray(value) &&
    value.length === 4 &&
    typeof value[0] === "string" &&
    typeof value[1] === "string" &&
    Number.isSafeInteger(value[2]) &&
    Number.isSafeInteger(value[3])
  );
}

/** Replaces the file with these modules. Never throws: a cache that cannot be written is simply not kept. */
export function writeBlob(file: string, modules: readonly CachedModule[], extra?: unknown): void {
  const entries: IndexEntry[] = [];
  let offset = 0;
  const kept = modules.filter((module) => module.data.length > 0);
  for (const module of kept) {
    entries.push([module.filename, module.hash, offset, module.data.length]);
    offset += module.data.length;
  }
  const index = Buffer.from(JSON.stringify({ modules: entries, extra }), "utf8");
  const length = Buffer.alloc(4);
  length.writeUInt32LE(index.length, 0);
  const body = Buffer.concat([length, index, ...kept.map((m) => m.data)]);
  if (!writeAtomically(file, Buffer.concat([MAGIC, digest(body), body]))) return;
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
