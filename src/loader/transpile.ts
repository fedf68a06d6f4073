import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { writeAtomically } from "../cache-files/write-atomically";
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
const optionsKey = createHash("sha256").update(CACHE_VERSION).update(JSON.stringify(SWC_OPTIONS)).digest("hex").slice(0, 8);

/** First line of a cache entry: the hash of the code after it, checked on every read. */
const ENTRY_HEADER = "// migrator transpile cache sha256=";

let swc: typeof import("@swc/core") | undefined;

function compile(source: string, filename: string, settings: TranspileSettings): string {
  swc ??= require("@swc/core") as typeof import("@swc/core");
  const options = settings.decoratorMetadata
    ? SWC_OPTIONS
    : { ...SWC_OPTIONS, jsc: { ...SWC_OPTIONS.jsc, transform: { ...SWC_OPTIONS.jsc.transform, decoratorMetadata: false } } };
  const code = swc.transformSync(source, { ...options, filename, sourceFileName: filename } as import("@swc/core").Options).code;
  return allowWrapperNames(makeExportsTdzSafe(code));
}

export interface TranspileCache {
  readonly dir: string | null;
  hits: number;
  misses: number;
}

export function createCache(dir: string | null): TranspileCache {
  return { dir, hits: 0, misses: 0 };
}

/**
 * Transpiled JavaScript for a TypeScript file, from the cache when its
 * content was seen before. An entry is used only when the hash it carries
 * matches its code: a truncated, emptied or edited entry would otherwise run
 * as the entity (an empty module: its table dropped by autogenerate). A bad
 * entry is compiled again and replaced.
 */
export function transpile(source: string, filename: string, cache: TranspileCache, settings: TranspileSettings = DEFAULT_SETTINGS): string {
  if (!cache.dir) {
    cache.misses++;
    return compile(source, filename, settings);
  }
  const key = createHash("sha256")
    .update(optionsKey)
    .update(settings.decoratorMetadata ? "m" : "-")
    .update("\0")
    .update(filename)
    .update("\0")
    .update(source)
    .digest("hex");
  const cached = join(cache.dir, key.slice(0, 2), `${key}.js`);
  const known = readVerified(cached);
  if (known !== null) {
    cache.hits++;
    return known;
  }
  const code = compile(source, filename, settings);
  cache.misses++;
  // a read-only project still works, just without the cache
  writeAtomically(cached, `${ENTRY_HEADER}${digest(code)}\n${code}`, { dir: 0o700, file: 0o600 });
  return code;
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
