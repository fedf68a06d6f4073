import { relative } from "node:path";
import type { ValidateResult } from "../../commands/validate";

export function formatValidate(result: ValidateResult, root: string): string {
  const lines = result.problems.map((p) => {
    const when = p.appliedAt ? ` (applied ${p.appliedAt})` : "";
    return p.kind === "changed"
      ? `changed: ${p.revision} ${relative(root, p.path ?? "") || p.path}${when}: the file differs from the one that ran`
      : `missing: ${p.revision}${when}: applied, but no revision file defines it`;
  });
  if (result.problems.length === 0) lines.push(`ok: ${result.checked} applied revision${result.checked === 1 ? "" : "s"} unchanged`);
  if (result.unlogged.length > 0) lines.push(`not in the log (not checked): ${result.unlogged.join(", ")}`);
  return lines.join("\n");
}
