/**
 * The cache file: a 4-byte length, a JSON index of
 * [filename, source hash, offset, length] (plus what else the cache keeps,
 * as `extra`) and the modules' bytecode after it.
 */
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { writeAtomically } from "../cache-files/write-atomically";

export interface CachedModule {
  readonly filename: string;
  readonly hash: string;
  readonly data: Buffer;
}

const FORMAT = 2;

/** Blobs kept per folder (one per working directory and command), and their total size; the least recently written go first. */
const KEEP = 32;
const KEEP_BYTES = 256 * 2 ** 20;

type IndexEntry = [filename: string, hash: string, offset: number, length: number];

export interface Blob {
  readonly modules: Map<string, CachedModule>;
  /** The rest of the index, as written (unchecked). */
  readonly extra: unknown;
}

const EMPTY = (): Blob => ({ modules: new Map(), extra: undefined });

/** What the file holds, modules by filename; empty when it is missing, unreadable or not ours. */
export function readBlob(file: string): Blob {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return EMPTY();
  }
  const modules = new Map<string, CachedModule>();
  try {
    const indexLength = bytes.readUInt32LE(0);
    const index = JSON.parse(bytes.subarray(4, 4 + indexLength).toString("utf8")) as { format?: unknown; modules?: unknown; extra?: unknown };
    if (index.format !== FORMAT || !Array.isArray(index.modules)) return EMPTY();
    const base = 4 + indexLength;
    for (const entry of index.modules as unknown[]) {
      if (!isIndexEntry(entry)) return EMPTY();
      const [filename, hash, offset, length] = entry;
      if (base + offset + length > bytes.length) return EMPTY();
      modules.set(filename, { filename, hash, data: bytes.subarray(base + offset, base + offset + length) });
    }
    return { modules, extra: index.extra };
  } catch {
    return EMPTY();
  }
}

function isIndexEntry(value: unknown): value is IndexEntry {
  return (
    Array.isArray(value) &&
    typeof value[0] === "string" &&
    typeof value[1] === "string" &&
    Number.isInteger(value[2]) &&
    Number.isInteger(value[3])
  );
}

/** Replaces the file with these modules. Never throws: a cache that cannot be written is simply not kept. */
export function writeBlob(file: string, modules: readonly CachedModule[], extra?: unknown): void {
  const entries: IndexEntry[] = [];
  let offset = 0;
  for (const module of modules) {
    entries.push([module.filename, module.hash, offset, module.data.length]);
    offset += module.data.length;
  }
  const index = Buffer.from(JSON.stringify({ format: FORMAT, modules: entries, extra }), "utf8");
  const length = Buffer.alloc(4);
  length.writeUInt32LE(index.length, 0);
  if (!writeAtomically(file, Buffer.concat([length, index, ...modules.map((m) => m.data)]), { dir: 0o700, file: 0o600 })) return;
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
