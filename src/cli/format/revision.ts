import type { RevisionResult } from "../../commands/revision";

export function formatRevision(result: RevisionResult, _opts: { verbose?: boolean } = {}): string {
  return `Generating ${result.path} ... done\n`;
}
