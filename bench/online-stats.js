"use strict";
// Figures from the load's per-query records (epoch ms): the clients' normal
// latency before the migration, and the longest wait of any query that was
// running at some point between `from` and `to` (the migration, or the held
// transaction and the migration in the long-transaction run).
const { median } = require("./lib");

const round = (v) => (v == null ? null : Math.round(v * 10) / 10);

function percentile(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : null;
}

function windowStats(records, loadStart, from, to) {
  const normal = [];
  const during = { maxWait: null, completed: 0, failed: 0, readWait: 0 };
  for (let i = 0; i < records.start.length; i++) {
    const start = records.start[i];
    const end = records.end[i];
    const wait = end - start;
    if (start >= loadStart && end < from) normal.push(wait);
    if (start <= to && end >= from) {
      during.maxWait = Math.max(during.maxWait ?? 0, wait);
      if (records.kind[i] === "r") during.readWait = Math.max(during.readWait, wait);
      if (end <= to) records.ok[i] ? during.completed++ : during.failed++;
    }
  }
  normal.sort((a, b) => a - b);
  const maxWait = during.maxWait;
  const p99 = percentile(normal, 0.99);
  return {
    normal: { queries: normal.length, medianMs: round(normal.length ? median(normal) : null), p99Ms: round(p99), maxMs: round(normal[normal.length - 1]) },
    maxWaitMs: round(maxWait),
    maxReadWaitMs: round(during.readWait),
    beyondNormalMs: maxWait == null || p99 == null ? null : round(maxWait - p99),
    queriesCompleted: during.completed,
    queriesFailed: during.failed,
    windowMs: round(to - from),
  };
}

module.exports = { windowStats };
