/**
 * Parsed revision headers kept between processes, so a command on a large
 * graph stats each revision file instead of reading and parsing it. An entry
 * is used only when the file's size and mtime are unchanged, and only if the
 * file was at least 2 s older than the cache when the cache was written (git's
 * "racy clean" rule: an edit within the same timestamp tick as the write
 * would otherwise go unseen on coarse filesystems). The cache is an
 * optimisation: a missing, corrupt or foreign cache is ignored, and a write
 * that fails is dropped.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { writeAtomically } from "../cache-files/write-atomically";
import { MIGRATOR_VERSION } from "../version";
import type { RevisionHeader } from "./types";

// 2: the scan refuses initialisers that are not a plain literal, which format 1 entries may hold
const FORMAT = 2;
const RACY_NS = 2_000_000_000n;

/**
 * One file's entry: its stat and header as a tuple (field names in every
 * entry made the file 40% larger and slower to parse at 10000 revisions).
 */
type Entry = [
  size: number,
  mtimeNs: string,
  revision: string,
  downRevisions: readonly string[],
  branchLabels: readonly string[],
  dependsOn: readonly string[],
  message: string,
  createDate: string | null,
  docstring: string | null,
  transactional: boolean | null,
];

export function headerCacheFileFor(root: string): string {
  return path.join(root, ".migrator", "cache", "revision-headers.json");
}

export class HeaderCache {
  private readonly next: Record<string, Entry> = {};
  private reused = 0;
  private parsed = false;

  private constructor(
    private readonly file: string,
    /** The previous scan's entries, validated one by one when looked up. */
    private readonly entries: Record<string, unknown>,
    private readonly entryCount: number,
    /** Files with an mtime after this were too fresh when the cache was written. */
    private readonly trustedUpTo: bigint,
  ) {}

  static open(file: string): HeaderCache {
    try {
      const fd = fs.openSync(file, "r");
      try {
        // the cache file's own mtime is the write moment, on the same clock as the revision files'
        const written = fs.fstatSync(fd, { bigint: true }).mtimeNs;
        const data: unknown = JSON.parse(fs.readFileSync(fd, "utf8"));
        if (isRecord(data) && data.format === FORMAT && data.migrator === MIGRATOR_VERSION && isRecord(data.entries)) {
          return new HeaderCache(file, data.entries, Object.keys(data.entries).length, written - RACY_NS);
        }
      } finally {
        fs.closeSync(fd);
      }
    } catch {
      // no cache yet, or unreadable: start empty
    }
    return new HeaderCache(file, {}, 0, -1n);
  }

  /** The header of `file`, from the cache when its entry is current and trusted, else from `parse`. */
  header(file: string, parse: (file: string) => RevisionHeader): RevisionHeader {
    const key = path.isAbsolute(file) ? file : path.resolve(file);
    // stat before reading: an edit in between leaves a stale stat, which only forces a re-read later
    const stat = fs.statSync(file, { bigint: true });
    const size = Number(stat.size);
    const mtimeNs = stat.mtimeNs.toString();
    const old = Object.hasOwn(this.entries, key) ? this.entries[key] : undefined;
    if (isEntry(old) && old[0] === size && old[1] === mtimeNs && stat.mtimeNs <= this.trustedUpTo) {
      if (!Object.hasOwn(this.next, key)) this.reused++;
      this.next[key] = old;
      return toHeader(old, file);
    }
    const h = parse(file);
    this.next[key] = [
      size,
      mtimeNs,
      h.revision,
      h.downRevisions,
      h.branchLabels,
      h.dependsOn,
      h.message,
      h.createDate ?? null,
      h.docstring ?? null,
      h.transactional ?? null,
    ];
    this.parsed = true;
    return h;
  }

  /** Writes the cache when a header was parsed or an entry went away; never throws. */
  save(): void {
    if (!this.parsed && this.reused === this.entryCount) return;
    // read-only checkout, permissions, full disk: the next scan parses again
    writeAtomically(this.file, JSON.stringify({ format: FORMAT, migrator: MIGRATOR_VERSION, entries: this.next }));
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const isStrings = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === "string");
const isStringOrNull = (value: unknown): boolean => value === null || typeof value === "string";

/** Whether a stored value has the entry's shape (anything else is treated as absent). */
function isEntry(value: unknown): value is Entry {
  return (
    Array.isArray(value) &&
    typeof value[0] === "number" &&
    typeof value[1] === "string" &&
    typeof value[2] === "string" &&
    isStrings(value[3]) &&
    isStrings(value[4]) &&
    isStrings(value[5]) &&
    typeof value[6] === "string" &&
    isStringOrNull(value[7]) &&
    isStringOrNull(value[8]) &&
    (value[9] === null || typeof value[9] === "boolean")
  );
}

/** The header as a fresh parse builds it (same fields, absent ones undefined). */
function toHeader(e: Entry, file: string): RevisionHeader {
  return {
    revision: e[2],
    downRevisions: e[3],
    branchLabels: e[4],
    dependsOn: e[5],
    message: e[6],
    path: file,
    createDate: e[7] ?? undefined,
    docstring: e[8] ?? undefined,
    transactional: e[9] ?? undefined,
  };
}
