/** upgrade / downgrade results as text (offline SQL is printed as is). */
import type { MigrateResult } from "../../runtime/migrate";
import { PROGRESS_THRESHOLD, formatMs } from "../../runtime/migrate";
import type { DryRunEstimate } from "../../runtime/dry-run";
import { effectLine, sizeText } from "./estimate";
import { displayTable } from "../../model/names";

function rows(ids: readonly string[]): string {
  return ids.length === 0 ? "base" : ids.join(", ");
}

export function formatMigrate(result: MigrateResult): string {
  const verb = result.direction === "up" ? "upgrade" : "downgrade";
  switch (result.mode) {
    case "offline":
      return result.sql;
    case "online": {
      if (result.steps.length === 0) return `nothing to ${verb}: the database is at ${rows(result.from)}`;
      const lines =
        result.steps.length > PROGRESS_THRESHOLD
          ? [`${result.steps.length} revisions, ${formatMs(result.steps.reduce((sum, s) => sum + s.durationMs, 0))}`]
          : result.steps.map((s) => `${verb} ${s.revision} (${formatMs(s.durationMs)}), ${s.message}`);
      lines.push(`now at ${rows(result.to)} (was ${rows(result.from)})`);
      return lines.join("\n");
    }
    case "dry-run": {
      const lines = [`-- dry run of ${verb} from ${rows(result.from)} to ${rows(result.to)}: ${result.note === undefined ? "rolled back" : "listed"}, nothing changed`];
      if (result.note !== undefined) lines.push(`-- ${result.note}`);
      if (result.steps.length === 0) lines.push(`-- nothing to ${verb}`);
      for (const step of result.steps) {
        const how = step.ran ? "" : step.transactional ? " (not tried)" : " (not transactional: listed, not run)";
        lines.push("", `-- ${verb} ${step.revision}${how}`);
        for (const [index, sql] of step.statements.entries()) {
          // a comment alone (what has no SQL form, such as op.backfill) takes no terminator
          lines.push(sql.trimEnd().endsWith(";") || /^--[^\n]*$/.test(sql) ? sql : `${sql};`);
          lines.push(...estimateLines(step.estimates ?? [], (range) => range.from < range.to && range.to === index + 1));
        }
        // an operation refused before its SQL was sent (a COMMIT inside the transaction...) is said after the step's SQL
        lines.push(...estimateLines(step.estimates ?? [], (range) => range.from === range.to));
        if (step.error) lines.push(`-- error: ${step.error}`);
      }
      const total = estimateSummary(result.steps.flatMap((step) => step.estimates ?? []));
      if (total !== undefined) lines.push("", total);
      return lines.join("\n");
    }
  }
}

/**
 * `--   rewrites "orders" (...)` under the last statement of an operation;
 * an op.execute() holding several statements names each one first.
 */
function estimateLines(estimates: readonly DryRunEstimate[], at: (range: DryRunEstimate["sql"]) => boolean): string[] {
  const here = estimates.filter((estimate) => at(estimate.sql));
  const named = here.length > 1 && here.every((estimate) => estimate.sql.from === here[0]?.sql.from);
  return here.flatMap((estimate) => estimate.tables.map((effect) => `--   ${named ? `${estimate.text}: ` : ""}${effectLine(effect)}`));
}

/** `-- in all: 2 statements rewrite a table and 3 scan one; the largest they read: "orders" (1.2 GB, ~8.1M rows)`; undefined when none reads rows. */
function estimateSummary(estimates: readonly DryRunEstimate[]): string | undefined {
  const rewriting = (estimate: DryRunEstimate): boolean => estimate.tables.some((effect) => effect.work === "rewrite");
  const rewrites = estimates.filter(rewriting).length;
  const scans = estimates.filter((estimate) => !rewriting(estimate) && estimate.tables.some((effect) => effect.work === "scan")).length;
  if (rewrites + scans === 0) return undefined;
  const statements = (n: number, verb: string): string => `${n} statement${n === 1 ? "" : "s"} ${verb}${n === 1 ? "s" : ""}`;
  const what =
    rewrites === 0 ? `${statements(scans, "scan")} a table` : scans === 0 ? `${statements(rewrites, "rewrite")} a table` : `${statements(rewrites, "rewrite")} a table and ${scans} scan${scans === 1 ? "s" : ""} one`;
  const read = estimates.flatMap((estimate) => estimate.tables).filter((effect) => effect.work !== "none" && effect.size !== undefined && effect.size !== null);
  const largest = read.sort((a, b) => (b.size?.bytes ?? 0) - (a.size?.bytes ?? 0))[0];
  const biggest = largest?.size === undefined || largest.size === null ? "" : `; the largest they read: ${displayTable(largest.table)} (${sizeText(largest.size)})`;
  return `-- in all: ${what}${biggest}`;
}
