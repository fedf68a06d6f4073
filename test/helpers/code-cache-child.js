#!/usr/bin/env node
// A process that installs the code cache from src/ (as the CLI's entry does)
// with CODE_CACHE_DIR, then requires each module named on the command line and
// prints {values, stats} as JSON. Used by test/db/cli-process/code-cache-hook and code-cache-damage.
"use strict";
const { join } = require("node:path");
const { readFileSync } = require("node:fs");
const Module = require("node:module");
const swc = require("@swc/core");
const src = join(__dirname, "..", "..", "src");
Module._extensions[".ts"] = function (module, filename) {
  const options = { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" }, swcrc: false, filename };
  module._compile(swc.transformSync(readFileSync(filename, "utf8"), options).code, filename);
};
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
