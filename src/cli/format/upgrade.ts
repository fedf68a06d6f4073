/** upgrade / downgrade results as text (offline SQL is printed as is). */
import type { MigrateResult } from "../../runtime/migrate";
import { PROGRESS_THRESHOLD, formatMs } from "../../runtime/migrate";
import type { DryRunEstimate } from "../../runtime/dry-run";
import { effectLine } from "./estimate";

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
      const lines = [`-- dry run of ${verb} from ${rows(result.from)} to ${rows(result.to)}: rolled back, nothing changed`];
      if (result.steps.length === 0) lines.push(`-- nothing to ${verb}`);
      for (const step of result.steps) {
        const how = step.ran ? "" : step.transactional ? " (not tried)" : " (not transactional: listed, not run)";
        lines.push("", `-- ${verb} ${step.revision}${how}`);
        for (const [index, sql] of step.statements.entries()) {
          lines.push(sql.trimEnd().endsWith(";") ? sql : `${sql};`);
          lines.push(...estimateLines(step.estimates ?? [], (range) => range.from < range.to && range.to === index + 1));
        }
        // an operation refused before its SQL was sent (a COMMIT inside the transaction...) is said after the step's SQL
        lines.push(...estimateLines(step.estimates ?? [], (range) => range.from === range.to));
        if (step.error) lines.push(`-- error: ${step.error}`);
      }
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
