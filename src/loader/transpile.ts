import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { sep } from "node:path";
import { writeAtomically } from "../cache-files/write-atomically";
import { PACK_FILE, readPack, writePack } from "../speedups/entity-pack";
import { makeExportsTdzSafe } from "./tdz-safe-exports";
import { allowWrapperNames } from "./wrapper-names";

/**
 * TypeScript -> CommonJS with legacy decorators and `design:type` metadata,
 * which TypeORM needs to infer column types. swc does this in a few ms per
 * file; its output is cached by content hash so a second run loads no compiler.
 */
const SWC_OPTIONS = {
  jsc: {
    parser: { syntax: "typescript", decorators: true, tsx: false },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: "es2022",
    // TypeORM names tables after classes: keep them.
    keepClassNames: true,
    // `_ts_decorate`, `_ts_metadata`...: one shared copy (@swc/helpers, resolved from migrator by the
    // require hook) instead of one in each of hundreds of entity modules, each compiled on its own
    externalHelpers: true,
  },
  module: { type: "commonjs", strictMode: true, ignoreDynamic: false },
  // only when Node would use them (--enable-source-maps): otherwise a dead
  // comment that makes every module a third bigger to read, hash and cache
  sourceMaps: process.sourceMapsEnabled ? "inline" : false,
  swcrc: false,
  configFile: false,
};

/** What a file's tsconfig.json decides about its output. */
export interface TranspileSettings {
  /** `emitDecoratorMetadata`: the `design:type` TypeORM infers column types from. */
  readonly decoratorMetadata: boolean;
}

export const DEFAULT_SETTINGS: TranspileSettings = { decoratorMetadata: true };

// bump when the output changes: swc options, or what is done to its output (tdz-safe-exports, wrapper-names)
const CACHE_VERSION = "4";
/** What identifies this compiler's output: a cache of it (the config's sealed one) is stale when it changes. */
export const optionsKey = createHash("sha256").update(CACHE_VERSION).update(JSON.stringify(SWC_OPTIONS)).digest("hex").slice(0, 8);

/** First line of a cache entry: the hash of the code after it, checked on every read. */
const ENTRY_HEADER = "// migrator transpile cache sha256=";

let swc: typeof import("@swc/core") | undefined;

function swcOptions(filename: string, settings: TranspileSettings): import("@swc/core").Options {
  const options = settings.decoratorMetadata
    ? SWC_OPTIONS
    : { ...SWC_OPTIONS, jsc: { ...SWC_OPTIONS.jsc, transform: { ...SWC_OPTIONS.jsc.transform, decoratorMetadata: false } } };
  return { ...options, filename, sourceFileName: filename } as import("@swc/core").Options;
}

/** What migrator does to swc's output (see the two modules). */
function finish(code: string): string {
  return allowWrapperNames(makeExportsTdzSafe(code));
}

function compile(source: string, filename: string, settings: TranspileSettings): string {
  swc ??= require("@swc/core") as typeof import("@swc/core");
  return finish(swc.transformSync(source, swcOptions(filename, settings)).code);
}

export interface TranspileCache {
  readonly dir: string | null;
  hits: number;
  misses: number;
  /** Output compiled ahead (prepareTranspiled), by cache key; taken once. */
  readonly ready: Map<string, string>;
  /** The entity pack's modules (batch-pack.ts), by cache key, read when a batch starts. */
  packed: Map<string, string>;
  /** While a batch of entity files loads: every module it transpiled or found, by key (what the pack will hold). */
  batch: Map<string, string> | null;
  /** Files prepareTranspiled read, with their text and cache key: the loader reads and hashes each once. */
  readonly read: Map<string, { readonly source: string; readonly key: string; readonly metadata: boolean }>;
}

export function createCache(dir: string | null): TranspileCache {
  return { dir, hits: 0, misses: 0, ready: new Map(), packed: new Map(), batch: null, read: new Map() };
}

/**
 * Ends the batch prepareTranspiled started: when it used a module the pack
 * did not hold (a file compiled, edited or added), the pack is rewritten
 * with exactly the batch's modules (so an edited file's old code goes). A
 * failed load leaves the pack as it was: a part of the batch would make the
 * next run take the rest one file at a time.
 */
export function finishBatch(cache: TranspileCache, options: { failed?: boolean } = {}): void {
  const batch = cache.batch;
  cache.batch = null;
  cache.read.clear();
  if (batch === null || cache.dir === null || options.failed) return;
  let changed = false;
  for (const key of batch.keys()) {
    if (!cache.packed.has(key)) {
      changed = true;
      break;
    }
  }
  if (!changed) return;
  if (writePack(packPath(cache), batch)) cache.packed = batch;
}

function keyOf(source: string, filename: string, settings: TranspileSettings): string {
  return createHash("sha256")
    .update(optionsKey)
    .update(settings.decoratorMetadata ? "m" : "-")
    .update("\0")
    .update(filename)
    .update("\0")
    .update(source)
    .digest("hex");
}

/**
 * Transpiled JavaScript for a TypeScript file, from the cache when its
 * content was seen before. An entry is used only when the hash it carries
 * matches its code: a truncated, emptied or edited entry would otherwise run
 * as the entity (an empty module: its table dropped by autogenerate). A bad
 * entry is compiled again and replaced.
 */
export function transpile(source: string, filename: string, cache: TranspileCache, settings: TranspileSettings = DEFAULT_SETTINGS): string {
  const known = cache.read.get(filename);
  cache.read.delete(filename);
  // the same text (usually the very string prepareTranspiled read) under the same settings: the same key
  const key = known !== undefined && known.source === source && known.metadata === settings.decoratorMetadata ? known.key : keyOf(source, filename, settings);
  const code = transpileByKey(key, source, filename, cache, settings);
  cache.batch?.set(key, code);
  return code;
}

function transpileByKey(key: string, source: string, filename: string, cache: TranspileCache, settings: TranspileSettings): string {
  const ready = cache.ready.get(key);
  if (ready !== undefined) {
    cache.ready.delete(key);
    return ready;
  }
  if (!cache.dir) {
    cache.misses++;
    return compile(source, filename, settings);
  }
  const known = cache.packed.get(key) ?? readVerified(entryPath(cache, key));
  if (known !== undefined && known !== null) {
    cache.hits++;
    return known;
  }
  const code = compile(source, filename, settings);
  cache.misses++;
  // written before returning: a file compiled one at a time (a revision, an import outside the globs)
  writeAtomically(entryPath(cache, key), entryText(code));
  return code;
}

/** Cached files in a row, before any miss, that make prepareTranspiled leave the rest to the hook. */
const WARM_AFTER = 8;

/**
 * Starts a batch (entity loading; finishBatch ends it) and compiles ahead,
 * on swc's own threads, the files about to be required that the cache does
 * not hold, while the main thread does other work (loading typeorm): the
 * first run in a fresh clone, what every CI job runs, no longer transpiles
 * hundreds of entity files one after the other. The require hook then takes
 * each result from `cache.ready`, and the batch's modules go into the pack.
 */
export async function prepareTranspiled(files: readonly { file: string; settings: TranspileSettings }[], cache: TranspileCache): Promise<void> {
  cache.packed = cache.dir === null ? new Map() : readPack(packPath(cache));
  cache.batch = new Map();
  const pending: Promise<void>[] = [];
  let cachedInARow = 0;
  // a fresh clone has no cache folder: one check instead of one per file
  const entriesMayExist = cache.dir !== null && existsSync(cache.dir);
  for (const { file, settings } of files) {
    // a warm cache (the usual run): the first few files tell, and the hook reads the rest as before
    if (cachedInARow >= WARM_AFTER) return;
    let source: string;
    try {
      source = readFileSync(file, "utf8");
    } catch {
      continue; // require will report it
    }
    const key = keyOf(source, file, settings);
    cache.read.set(file, { source, key, metadata: settings.decoratorMetadata });
    if (cache.ready.has(key) || cache.packed.has(key) || (entriesMayExist && existsSync(entryPath(cache, key)))) {
      if (pending.length === 0) cachedInARow++;
      continue;
    }
    swc ??= require("@swc/core") as typeof import("@swc/core");
    pending.push(
      swc.transform(source, swcOptions(file, settings)).then(
        (output) => {
          cache.ready.set(key, finish(output.code));
          cache.misses++;
        },
        () => undefined, // a syntax error: the require hook compiles it again and reports it
      ),
    );
  }
  await Promise.all(pending);
}

/** Joined by hand: path.join normalises the whole path again for each of hundreds of entries. */
function entryPath(cache: TranspileCache, key: string): string {
  return cache.dir === null ? `${key}.js` : `${cache.dir}${sep}${key}.js`;
}

function packPath(cache: TranspileCache): string {
  return `${cache.dir ?? ""}${sep}${PACK_FILE}`;
}

function entryText(code: string): string {
  return `${ENTRY_HEADER}${digest(code)}\n${code}`;
}

/** The code of a cache entry whose hash matches, else null (absent, truncated, edited). */
function readVerified(path: string): string | null {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return null;
  }
  const newline = text.indexOf("\n");
  if (!text.startsWith(ENTRY_HEADER) || newline === -1) return null;
  const code = text.slice(newline + 1);
  return text.slice(ENTRY_HEADER.length, newline) === digest(code) ? code : null;
}

function digest(code: string): string {
  return createHash("sha256").update(code).digest("hex");
}
