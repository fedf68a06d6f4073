import type { CheckResult } from "../../commands/check";

export function formatCheck(result: CheckResult): string {
  if (result.upToDate) return "up to date: the database matches the entities\n";
  const lines = result.operations.map((o) => `${o.destructive ? "! " : "  "}${o.description}`);
  const count = result.operations.length;
  const destructive = result.destructiveCount > 0 ? `, ${result.destructiveCount} destructive (marked !)` : "";
  return `${lines.join("\n")}\n${count} change${count === 1 ? "" : "s"} to apply${destructive}\n`;
}
