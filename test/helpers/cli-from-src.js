#!/usr/bin/env node
// Runs the CLI straight from src/ through migrator's own TypeScript hook, so
// process-level tests never run a stale dist/.
"use strict";
const { join } = require("node:path");
const { readFileSync } = require("node:fs");
const Module = require("node:module");
const swc = require("@swc/core");
const options = {
  jsc: { parser: { syntax: "typescript", decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: "es2022", keepClassNames: true },
  module: { type: "commonjs" },
  swcrc: false,
};
const src = join(__dirname, "..", "..", "src");
const original = Module._extensions[".ts"];
Module._extensions[".ts"] = function (module, filename) {
  if (filename.startsWith(src)) return module._compile(swc.transformSync(readFileSync(filename, "utf8"), { ...options, filename }).code, filename);
  if (original) return original(module, filename);
  throw new Error(`no TypeScript hook for ${filename}`);
};
const argv = process.argv.slice(2);
// as bin/migrator.js does, so every process-level test runs through the code cache
require(join(src, "speedups", "code-cache.ts")).installCodeCache(argv);
require(join(src, "cli", "main.ts"))
  .main(argv)
  .then((code) => {
    process.exitCode = code;
  });
