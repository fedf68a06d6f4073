import type { LogResult } from "../../commands/log";

/** One line per step, newest first: when, what, how long, who from where. */
export function formatLog(result: LogResult): string {
  if (result.steps.length === 0) return "no step recorded yet";
  return result.steps
    .map((step) => {
      const took = step.finishedAt === null ? "did not finish" : `${step.durationMs ?? 0} ms`;
      const who = [step.user, step.host ? `on ${step.host}` : null, step.migratorVersion ? `migrator ${step.migratorVersion}` : null].filter(Boolean).join(" ");
      return `${step.startedAt}  ${step.direction === "up" ? "upgrade  " : "downgrade"} ${step.revision}  ${took}  (${who})`;
    })
    .join("\n");
}
