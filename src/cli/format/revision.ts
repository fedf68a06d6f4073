import type { RevisionResult } from "../../commands/revision";

export function formatRevision(result: RevisionResult, _opts: { verbose?: boolean } = {}): string {
  return `Generating ${result.path} ... done\n`;
}

/** The post-write hook's failure as the one warning line every writer prints (stderr; the command still succeeds). */
export function hookWarning(result: RevisionResult): string | undefined {
  return result.hookError === undefined ? undefined : `warning: ${result.hookError}`;
}
