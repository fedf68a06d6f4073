import { formatInterruptions } from "./interrupted";
import type { StatusResult } from "../../commands/status";

function list(ids: readonly string[]): string {
  return ids.length === 0 ? "base" : ids.join(", ");
}

export function formatStatus(result: StatusResult): string {
  const lines = [`database: ${list(result.current)}`, `code heads: ${result.heads.length === 0 ? "(no revisions)" : result.heads.join(", ")}`];
  switch (result.state) {
    case "up to date":
      lines.push("up to date");
      break;
    case "behind":
      lines.push(`behind: ${result.pending.length} pending revision${result.pending.length === 1 ? "" : "s"}`);
      for (const p of result.pending) lines.push(`  ${p.revision}  ${p.message}`);
      break;
    case "unknown revision":
      lines.push(`the database is at ${result.unknown.join(", ")}, which no revision file defines`);
      break;
  }
  return [...lines, ...formatInterruptions(result.interrupted)].join("\n");
}
