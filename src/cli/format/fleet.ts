/** A fleet run as text: one row per target, then the counts. */
import type { FleetReport, TargetReport } from "../../fleet/types";
import { formatMs } from "../../runtime/migrate";

const HEADERS = ["target", "from", "to", "steps", "duration", "result"] as const;

/** `revisions`: whether from/to mean something for this command (not for check, validate, log). */
export function formatFleet(report: FleetReport, options: { revisions: boolean }): string {
  const rows = report.targets.map((row) => [
    row.schema === null ? row.name : `${row.name} (${row.schema})`,
    options.revisions && row.result !== "failed" && row.result !== "not run" ? revisions(row.from) : "-",
    options.revisions && row.result !== "failed" && row.result !== "not run" ? revisions(row.to) : "-",
    row.result === "not run" ? "-" : String(row.steps),
    row.result === "not run" ? "-" : formatMs(row.durationMs),
    result(row),
  ]);
  const widths = HEADERS.map((header, i) => Math.max(header.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: readonly string[]): string =>
    cells.map((cell, i) => (i === cells.length - 1 ? cell : i === 3 ? cell.padStart(widths[i] as number) : cell.padEnd(widths[i] as number))).join("  ").trimEnd();
  return [line(HEADERS), ...rows.map(line), "", footer(report)].join("\n");
}

function revisions(ids: readonly string[]): string {
  return ids.length === 0 ? "base" : ids.join(",");
}

function result(row: TargetReport): string {
  switch (row.result) {
    case "failed":
      return `FAILED: ${row.summary}`;
    case "attention":
      return `! ${row.summary}`;
    default:
      return row.summary;
  }
}

/** `200 targets: 197 done, 1 unchanged, 2 failed; peak 4 connections, 12.30 s`. */
export function footer(report: FleetReport): string {
  const parts = (["done", "unchanged", "attention", "failed", "not run"] as const)
    .filter((key) => report.counts[key] > 0)
    .map((key) => `${report.counts[key]} ${key === "attention" ? "need attention" : key}`);
  const stopped = report.stopped === "canary" ? " (stopped: a canary target failed)" : report.stopped === "fail-fast" ? " (stopped by --fail-fast)" : "";
  const total = report.targets.length;
  return `${total} target${total === 1 ? "" : "s"}: ${parts.join(", ") || "none"}${stopped}; concurrency ${report.concurrency}, peak ${report.peakConnections} connection${report.peakConnections === 1 ? "" : "s"}, ${formatMs(report.durationMs)}`;
}

/** The stderr progress line: `37/200 done, 2 failed, 4 running`. */
export function progressLine(progress: { total: number; done: number; failed: number; running: number }): string {
  return `${progress.done}/${progress.total} done, ${progress.failed} failed, ${progress.running} running`;
}
