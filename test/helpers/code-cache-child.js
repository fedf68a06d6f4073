#!/usr/bin/env node
// A process that installs the code cache from src/ (as the CLI's entry does)
// with CODE_CACHE_DIR, then requires each module named on the command line and
// prints {values, stats} as JSON. Used by test/db/cli-process/code-cache-hook and code-cache-damage.
"use strict";
const { join } = require("node:path");
const src = join(__dirname, "..", "..", "src");
require("./ts-require-hook");
const { installCodeCache, codeCacheStats } = require(join(src, "speedups", "code-cache.ts"));
installCodeCache(["probe"], { dir: process.env.CODE_CACHE_DIR || undefined, deferFirstWrite: process.env.CODE_CACHE_DEFER === "1" });
(async () => {
  const values = [];
  for (const file of process.argv.slice(2)) {
    const exported = require(file);
    values.push(typeof exported.value === "function" ? await exported.value() : exported.value);
  }
  process.stdout.write(JSON.stringify({ values, stats: codeCacheStats() }));
})().catch((error) => {
  process.stderr.write(String(error && error.stack));
  process.exitCode = 3;
});
