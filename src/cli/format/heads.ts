import type { HeadsResult } from "../../commands/heads";
import { formatEntry, formatLogEntry } from "./revision-entry";

export function formatHeads(result: HeadsResult, opts: { verbose?: boolean } = {}): string {
  if (opts.verbose) return result.heads.map(formatLogEntry).join("\n");
  return result.heads.map((h) => `${formatEntry(h, { branches: true, tree: false })}\n`).join("");
}
