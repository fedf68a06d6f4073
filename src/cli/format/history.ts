import type { HistoryResult } from "../../commands/history";
import { formatEntry, formatLogEntry } from "./revision-entry";

/** Newest first: `<parents> -> <rev> (labels) (head), message`, or the verbose log entries. */
export function formatHistory(result: HistoryResult, opts: { verbose?: boolean } = {}): string {
  if (opts.verbose) return result.revisions.map(formatLogEntry).join("\n");
  return result.revisions.map((r) => `${formatEntry(r, { parents: true, branches: true, doc: true })}\n`).join("");
}
