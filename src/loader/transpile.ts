import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { writeAtomically } from "../cache-files/write-atomically";

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

const CACHE_VERSION = "2";
const optionsKey = createHash("sha256").update(CACHE_VERSION).update(JSON.stringify(SWC_OPTIONS)).digest("hex").slice(0, 8);

type Transform = (source: string, filename: string) => string;
let swcTransform: Transform | undefined;

function compile(source: string, filename: string): string {
  if (!swcTransform) {
    const swc = require("@swc/core") as typeof import("@swc/core");
    swcTransform = (code, file) =>
      swc.transformSync(code, { ...SWC_OPTIONS, filename: file, sourceFileName: file } as import("@swc/core").Options).code;
  }
  return swcTransform(source, filename);
}

export interface TranspileCache {
  readonly dir: string | null;
  hits: number;
  misses: number;
}

export function createCache(dir: string | null): TranspileCache {
  return { dir, hits: 0, misses: 0 };
}

/** Transpiled JavaScript for a TypeScript file, from the cache when its content was seen before. */
export function transpile(source: string, filename: string, cache: TranspileCache): string {
  if (!cache.dir) {
    cache.misses++;
    return compile(source, filename);
  }
  const key = createHash("sha256").update(optionsKey).update("\0").update(filename).update("\0").update(source).digest("hex");
  const cached = join(cache.dir, key.slice(0, 2), `${key}.js`);
  try {
    const code = readFileSync(cached, "utf8");
    cache.hits++;
    return code;
  } catch {
    // not cached yet
  }
  const code = compile(source, filename);
  cache.misses++;
  // a read-only project still works, just without the cache
  writeAtomically(cached, code);
  return code;
}
