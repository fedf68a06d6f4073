import type { BranchesResult } from "../../commands/branches";
import { formatEntry, formatLogEntry } from "./revision-entry";

/** Each branch point, then one `-> child` line per branch, aligned under the id. */
export function formatBranches(result: BranchesResult, opts: { verbose?: boolean } = {}): string {
  return result.branchPoints
    .map((point) => {
      const head = opts.verbose ? formatLogEntry(point).trimEnd() : formatEntry(point, { branches: true });
      const pad = " ".repeat(point.revision.length);
      const into = point.into.map((child) => `${pad} -> ${formatEntry(child, { branches: true, doc: opts.verbose })}`);
      return `${head}\n${into.join("\n")}\n`;
    })
    .join("\n");
}
