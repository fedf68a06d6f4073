/** upgrade / downgrade results as text (offline SQL is printed as is). */
import type { MigrateResult } from "../../runtime/migrate";
import { PROGRESS_THRESHOLD, formatMs } from "../../runtime/migrate";

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
        for (const sql of step.statements) lines.push(sql.trimEnd().endsWith(";") ? sql : `${sql};`);
        if (step.error) lines.push(`-- error: ${step.error}`);
      }
      return lines.join("\n");
    }
  }
}
