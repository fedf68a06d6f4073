import { ACCEPTED_BY, type LogResult } from "../../commands/log";

/** One line per step, newest first: when, what, how long, who from where. */
export function formatLog(result: LogResult): string {
  if (result.steps.length === 0) return "no step recorded yet";
  return result.steps
    .map((step) => {
      const took = step.finishedAt === null ? "did not finish" : `${step.durationMs ?? 0} ms`;
      const who = [step.user, step.host ? `on ${step.host}` : null, step.migratorVersion ? `migrator ${step.migratorVersion}` : null].filter(Boolean).join(" ");
      const what = step.application === ACCEPTED_BY ? "accepted " : step.direction === "up" ? "upgrade  " : "downgrade";
      return `${step.startedAt}  ${what} ${step.revision}  ${step.application === ACCEPTED_BY ? "its file as changed" : took}  (${who})`;
    })
    .join("\n");
}
