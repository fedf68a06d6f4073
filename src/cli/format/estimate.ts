/**
 * A statement's estimate for people, one line per table it touches:
 *   rewrites "orders" (1.2 GB, ~8.1M rows) under ACCESS EXCLUSIVE (reads and writes wait): type of "total" integer -> numeric
 *   scans "orders" (1.2 GB, ~8.1M rows) under SHARE (writes wait): builds index "ix_orders_customer"
 *   locks "customers" (96 kB, ~1.0k rows) under SHARE ROW EXCLUSIVE (writes wait), no scan, no rewrite
 * Used by the dry run (under each operation's SQL) and by lint --sizes.
 */
import { displayTable } from "../../model/names";
import type { LockBlocks, TableEffect, TableSize } from "../../lint/types";

export function effectLine(effect: TableEffect): string {
  const verb = effect.work === "rewrite" ? (effect.certain ? "rewrites" : "may rewrite") : effect.work === "scan" ? (effect.certain ? "scans" : "may scan") : "locks";
  const size = effect.size === undefined ? "" : ` (${sizeText(effect.size)})`;
  const lock = effect.lock === undefined ? "" : ` under ${effect.lock.mode} (${BLOCKS[effect.lock.blocks]})`;
  const why = effect.work === "none" ? ", no scan, no rewrite" : effect.because.length === 0 ? "" : `: ${effect.because.join("; ")}`;
  return `${verb} ${displayTable(effect.table)}${size}${lock}${why}`;
}

const BLOCKS: Readonly<Record<LockBlocks, string>> = {
  "reads-and-writes": "reads and writes wait",
  writes: "writes wait",
  "schema-changes": "reads and writes go on",
};

/** `1.2 GB, ~8.1M rows`; null: the table is not in the database yet. */
export function sizeText(size: TableSize | null): string {
  if (size === null) return "not in the database before this run";
  const rows = size.rows === null ? "rows not estimated: never analysed" : `~${count(size.rows)} row${size.rows === 1 ? "" : "s"}`;
  return `${bytesText(size.bytes)}, ${rows}`;
}

/** As pg_size_pretty counts (1024 per unit), one decimal below 10. */
export function bytesText(bytes: number): string {
  const units = ["bytes", "kB", "MB", "GB", "TB", "PB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${bytes} bytes` : `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

function count(rows: number): string {
  const steps: readonly [number, string][] = [
    [1e9, "G"],
    [1e6, "M"],
    [1e3, "k"],
  ];
  for (const [at, suffix] of steps) {
    if (rows >= at) {
      const value = rows / at;
      return `${value < 10 ? value.toFixed(1) : Math.round(value)}${suffix}`;
    }
  }
  return String(rows);
}
