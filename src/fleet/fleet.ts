/**
 * One command across a fleet: pick the targets, run the command on each
 * with its own config and connection, bounded in parallel, and gather one
 * report row per target. A target's error is its row, never the run's.
 */
import { performance } from "node:perf_hooks";
import type { ResolvedConfig } from "../config/types";
import type { Executor } from "../db/types";
import { isMigratorError } from "../errors";
import { redact } from "../redact";
import { FleetConnections } from "./connections";
import { runBounded } from "./runner";
import { listTargets, selectTargets, type Selection } from "./select";
import { configForTarget } from "./target-config";
import { DEFAULT_CONCURRENCY, type FleetOptions, type FleetReport, type FleetTarget, type TargetOutcome, type TargetReport, type TargetResult } from "./types";

/**
 * What a command does on one target: the target's config, an open
 * connection to it, and where its lock waits and warnings go (stderr,
 * prefixed with the target's name).
 */
export type TargetTask<T> = (config: ResolvedConfig, executor: Executor, notify: (line: string) => void) => Promise<TargetOutcome<T>>;

export async function runFleet<T>(
  config: ResolvedConfig,
  command: string,
  selection: Selection,
  task: TargetTask<T>,
  options: FleetOptions = {},
): Promise<FleetReport<T>> {
  const started = performance.now();
  const targets = selectTargets(await listTargets(config), selection);
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? DEFAULT_CONCURRENCY));
  const connections = new FleetConnections(config);
  let outcome: Awaited<ReturnType<typeof runBounded<FleetTarget, TargetReport<T>>>>;
  try {
    outcome = await runBounded(targets, (target) => runOne(config, target, task, connections, options), {
      concurrency,
      failFast: options.failFast === true,
      canary: options.canary ?? 0,
      failed: (row) => row.result === "failed",
      onProgress: options.onProgress,
    });
  } finally {
    await connections.closeAll();
  }
  const rows = targets.map((target, i) => outcome.results[i] ?? notRun<T>(config, target, outcome.stopped));
  const counts: Record<TargetResult, number> = { done: 0, unchanged: 0, attention: 0, failed: 0, "not run": 0 };
  for (const row of rows) counts[row.result] += 1;
  return {
    command,
    concurrency,
    targets: rows,
    counts,
    peakConnections: connections.peakConnections,
    durationMs: Math.round(performance.now() - started),
    ...(outcome.stopped ? { stopped: outcome.stopped } : {}),
  };
}

async function runOne<T>(config: ResolvedConfig, target: FleetTarget, task: TargetTask<T>, connections: FleetConnections, options: FleetOptions): Promise<TargetReport<T>> {
  const t0 = performance.now();
  const own = configForTarget(config, target);
  const base = { name: target.name, database: where(config, target), schema: target.schema };
  let queries = (): number => 0;
  try {
    const connection = await connections.acquire(target);
    queries = connection.queries;
    try {
      const notify = (text: string): void => {
        for (const line of text.split("\n")) options.notify?.(`${target.name}: ${line}`);
      };
      const outcome = await task(own, connection.executor, notify);
      return { ...base, ...outcome, durationMs: Math.round(performance.now() - t0), queries: queries() };
    } finally {
      await connection.release();
    }
  } catch (thrown) {
    // a refused privilege in words, as the CLI says it for one database
    const error = config.dialect.runtime.asPrivilegeError(thrown);
    const message = redact(error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
    const hint = isMigratorError(error) && error.hint ? redact(error.hint) : undefined;
    options.notify?.(`${target.name}: error: ${message}`);
    return {
      ...base,
      result: "failed",
      from: [],
      to: [],
      steps: 0,
      summary: message,
      durationMs: Math.round(performance.now() - t0),
      queries: queries(),
      error: hint === undefined ? { message } : { message, hint },
    };
  }
}

function notRun<T>(config: ResolvedConfig, target: FleetTarget, stopped: FleetReport["stopped"]): TargetReport<T> {
  const why = stopped === "canary" ? "not run: a canary target failed" : "not run: --fail-fast after a failure";
  return { name: target.name, database: where(config, target), schema: target.schema, result: "not run", from: [], to: [], steps: 0, summary: why, durationMs: 0, queries: 0 };
}

/** `postgres://app@db:5432/eu1`, `.migrator/db`: never the password. */
function where(config: ResolvedConfig, target: FleetTarget): string {
  const line = config.dialect.runtime.describeDatabase(target.database, config.root, config.root);
  return line === null ? "(invalid url)" : line.replace(/^(database|embedded): /, "");
}
