"use strict";
// Shared by the benchmark scripts: medians, machine description, result files.
const { mkdirSync, writeFileSync } = require("node:fs");
const os = require("node:os");
const { join } = require("node:path");

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function machine() {
  return {
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? "unknown",
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    date: new Date().toISOString(),
    versions: {
      migrator: require("../package.json").version,
      typeorm: JSON.parse(require("node:fs").readFileSync(join(__dirname, "..", "node_modules", "typeorm", "package.json"), "utf8")).version,
    },
  };
}

function writeResult(name, result) {
  const dir = join(__dirname, "results");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
}

module.exports = { median, machine, writeResult };
