/**
 * The one table `npm run test:reliability` prints (issue 12): a row per part
 * of the suite and their sum; every counter but `trials` must read 0.
 */
export interface Row {
  readonly part: string;
  trials: number;
  /** A database left in a state the guarantees forbid (or a runner that failed). */
  inconsistent: number;
  lostOrDoubled: number;
  /** Hostile text that ran as SQL or code, or did not come back as written. */
  injections: number;
  secrets: number;
  stackTraces: number;
  /** A bad input whose exit code or first stderr line is not the expected one. */
  unclear: number;
  /** A damaged cache that changed a command's output or made autogenerate drop something. */
  silentDrops: number;
  /** One line per failure, printed under the table. */
  readonly details: string[];
}

export const COUNTERS = ["trials", "inconsistent", "lostOrDoubled", "injections", "secrets", "stackTraces", "unclear", "silentDrops"] as const;
const HEADINGS = ["trials", "inconsistent states", "lost or doubled steps", "injections", "secrets found", "stack traces", "unclear messages", "silent drops"];

export function newRow(part: string): Row {
  return { part, trials: 0, inconsistent: 0, lostOrDoubled: 0, injections: 0, secrets: 0, stackTraces: 0, unclear: 0, silentDrops: 0, details: [] };
}

export function total(rows: readonly Row[]): Row {
  const sum = newRow("total");
  for (const row of rows) for (const key of COUNTERS) sum[key] += row[key];
  return sum;
}

/** A fixed-width text table, then the failure details. */
export function formatTable(rows: readonly Row[]): string {
  const all = [...rows, total(rows)];
  const cells = [["", ...HEADINGS], ...all.map((row) => [row.part, ...COUNTERS.map((key) => String(row[key]))])];
  const widths = cells[0]?.map((_, i) => Math.max(...cells.map((line) => line[i]?.length ?? 0))) ?? [];
  const lines = cells.map((line) => line.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join(" | "));
  lines.splice(1, 0, widths.map((w) => "-".repeat(w)).join("-|-"));
  lines.splice(lines.length - 1, 0, widths.map((w) => "-".repeat(w)).join("-|-"));
  const details = rows.flatMap((row) => row.details.map((d) => `  ${row.part}: ${d}`));
  return [...lines, ...(details.length > 0 ? ["", "failures:", ...details] : [])].join("\n");
}
