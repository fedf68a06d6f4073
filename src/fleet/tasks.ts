/**
 * Each command as a fleet task: the existing command function run on the
 * target's connection, its result summed up as one report row (from, to,
 * steps, a one-line summary) with the full result kept as the row's data.
 */
import type { CheckResult } from "../commands/check";
import type { CurrentResult } from "../commands/current";
import type { LogResult } from "../commands/log";
import type { StampResult } from "../commands/stamp";
import type { StatusResult } from "../commands/status";
import type { AcceptResult, ValidateResult } from "../commands/validate";
import type { MigrateResult } from "../runtime/migrate";
import type { TargetTask } from "./fleet";
import type { TargetOutcome } from "./types";

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

export interface MigrateTaskOptions {
  readonly target: string;
  readonly dryRun?: boolean;
  readonly lockTimeout?: number;
}

/** A step line (`[3/20] upgrade ...`) per target would bury the progress line: only lock waits and warnings go on. */
function withoutStepLines(notify: (line: string) => void): (text: string) => void {
  return (text) => {
    const kept = text.split("\n").filter((line) => !/^\[\d+\/\d+\] /.test(line));
    if (kept.length > 0) notify(kept.join("\n"));
  };
}

/** upgrade / downgrade: a target already at the revision asked for runs nothing (`unchanged`), so a rerun skips it. */
export function migrateTask(direction: "up" | "down", options: MigrateTaskOptions): TargetTask<MigrateResult> {
  return async (config, executor, notify) => {
    const { migrate } = await import("../runtime/migrate");
    const { withDryRunEstimator } = await import("../commands/dry-run-estimator");
    // a dry run's estimates carry each target's own table sizes (in --json)
    const result = await migrate(config, direction, await withDryRunEstimator(config, { ...options, notify: withoutStepLines(notify), executor }));
    if (result.mode === "offline") throw new Error("offline runs are not fleet runs");
    if (result.mode === "dry-run" && result.error !== undefined) throw new Error(`dry run failed: ${result.error}`);
    const steps = result.steps.length;
    const verb = direction === "up" ? "upgraded" : "downgraded";
    const dry = result.mode === "dry-run";
    return {
      // a dry run changed nothing, whatever it tried
      result: steps === 0 || dry ? "unchanged" : "done",
      from: result.from,
      to: result.to,
      steps,
      summary: steps === 0 ? "already there" : dry ? `dry run: ${plural(steps, "step")} ran and were rolled back` : `${verb}, ${plural(steps, "step")}`,
      data: result,
    };
  };
}

export function currentTask(checkHeads: boolean): TargetTask<CurrentResult> {
  return async (config, executor) => {
    const { current } = await import("../commands/current");
    const result = await current(config, { executor });
    const off = checkHeads && !result.atHeads;
    return {
      result: off ? "attention" : "unchanged",
      from: result.revisions,
      to: result.revisions,
      steps: 0,
      summary: result.unknown.length > 0 ? `unknown revision ${result.unknown.join(", ")}` : result.atHeads ? "at the heads" : result.revisions.length === 0 ? "base" : "not at the heads",
      data: result,
    };
  };
}

export function statusTask(check: boolean): TargetTask<StatusResult> {
  return async (config, executor) => {
    const { status } = await import("../commands/status");
    const result = await status(config, { executor });
    const off = result.state !== "up to date" || result.interrupted.length > 0;
    const detail = result.state === "behind" ? `behind: ${result.pending.length} pending` : result.state;
    return {
      result: off && check ? "attention" : "unchanged",
      from: result.current,
      to: result.heads,
      steps: result.pending.length,
      summary: result.interrupted.length > 0 ? `${detail}, ${plural(result.interrupted.length, "unfinished step")}` : detail,
      data: result,
    };
  };
}

/** check: drift per target (a tenant changed by hand shows up as operations). */
export const checkTask: TargetTask<CheckResult> = async (config, executor) => {
  const { check } = await import("../commands/check");
  const result = await check(config, { executor });
  const n = result.operations.length;
  return {
    result: result.upToDate ? "unchanged" : "attention",
    from: [],
    to: [],
    steps: n,
    summary: result.upToDate ? "matches the entities" : `drift: ${plural(n, "operation")}${result.destructiveCount > 0 ? ` (${result.destructiveCount} destructive)` : ""}`,
    data: result,
  };
};

export const validateTask: TargetTask<ValidateResult> = async (config, executor) => {
  const { validate } = await import("../commands/validate");
  const result = await validate(config, { executor });
  const n = result.problems.length;
  return {
    result: n === 0 ? "unchanged" : "attention",
    from: [],
    to: [],
    steps: n,
    summary: n === 0 ? `${plural(result.checked, "file")} as applied` : result.problems.map((p) => `${p.revision} ${p.kind}`).join(", "),
    data: result,
  };
};

export function acceptTask(revision: string): TargetTask<AcceptResult> {
  return async (config, executor) => {
    const { acceptChecksum } = await import("../commands/validate");
    const result = await acceptChecksum(config, revision, { executor });
    return { result: "done", from: [], to: [], steps: 1, summary: `accepted ${result.revision}`, data: result };
  };
}

export function stampTask(options: { targets: readonly string[]; purge?: boolean; lockTimeout?: number }): TargetTask<StampResult> {
  return async (config, executor, notify) => {
    const { stamp } = await import("../commands/stamp");
    const result = await stamp(config, { ...options, notify, executor });
    const n = result.changes.length;
    return { result: n === 0 ? "unchanged" : "done", from: result.from, to: result.to, steps: n, summary: n === 0 ? "already stamped" : `stamped (${plural(n, "row change")})`, data: result };
  };
}

export function logTask(limit?: number): TargetTask<LogResult> {
  return async (config, executor) => {
    const { log } = await import("../commands/log");
    const result = await log(config, { limit, executor });
    const newest = result.steps[0];
    return {
      result: "unchanged",
      from: [],
      to: [],
      steps: result.steps.length,
      summary: newest ? `newest: ${newest.revision} ${newest.direction} at ${newest.startedAt}` : "no steps logged",
      data: result,
    } satisfies TargetOutcome<LogResult>;
  };
}
