// For child processes of tests that require modules of src/ directly (no build):
// `.ts` files compile with swc as they are required. Load with `node -r` or require().
"use strict";
const { readFileSync } = require("node:fs");
const Module = require("node:module");
const swc = require("@swc/core");
Module._extensions[".ts"] = function (module, filename) {
  const options = { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" }, swcrc: false, filename };
  module._compile(swc.transformSync(readFileSync(filename, "utf8"), options).code, filename);
};
