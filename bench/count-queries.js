"use strict";
// Preload for measured processes (`node -r bench/count-queries.js ...`): counts
// SQL round trips (pg Client#query calls) and writes them with the peak RSS to
// $BENCH_STATS_FILE at exit. pg is patched when the program first loads it, so
// a process that never touches the database pays nothing.
const Module = require("node:module");
const { writeFileSync } = require("node:fs");

let queries = 0;
// BENCH_QUERY_TIMES=1: also keep each query's duration (for finding where a side waits on the server).
const slow = process.env.BENCH_QUERY_TIMES ? [] : null;
const originalLoad = Module._load;
Module._load = function load(request, parent, isMain) {
  const exported = originalLoad.call(this, request, parent, isMain);
  if (request === "pg" && exported && exported.Client && !exported.Client.prototype.__benchCounted) {
    const query = exported.Client.prototype.query;
    exported.Client.prototype.query = function countedQuery(...args) {
      queries++;
      const result = query.apply(this, args);
      if (slow && result && typeof result.then === "function") {
        const start = process.hrtime.bigint();
        const text = String(typeof args[0] === "string" ? args[0] : args[0]?.text).replace(/\s+/g, " ").slice(0, 160);
        result.then(() => slow.push({ ms: Number(process.hrtime.bigint() - start) / 1e6, text }), () => undefined);
      }
      return result;
    };
    exported.Client.prototype.__benchCounted = true;
    Module._load = originalLoad;
  }
  return exported;
};

process.on("exit", () => {
  if (!process.env.BENCH_STATS_FILE) return;
  const maxRssMiB = Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
  const queryTimes = slow ? slow.sort((a, b) => b.ms - a.ms).slice(0, 10) : undefined;
  writeFileSync(process.env.BENCH_STATS_FILE, JSON.stringify({ queries, maxRssMiB, queryTimes }));
});
