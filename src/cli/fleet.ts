/**
 * The fleet options every database command takes, and running a command
 * across the targets they pick: the report as a table (or --json), a
 * progress line on stderr while it runs, and the exit code.
 *
 * `--target` is stored as `fleet-target`: upgrade and downgrade already
 * have a positional named target, and yargs would merge the two. The
 * command line is respelled before either parser reads it (spellFleetTargets).
 */
import type { Argv } from "yargs";
import type { ResolvedConfig } from "../config/types";
import { UsageError } from "../errors";
import type { TargetTask } from "../fleet/fleet";
import type { FleetReport } from "../fleet/types";
import { processIO, type CommandContext, type GlobalArgs } from "./context";
import type { CliCommand } from "./define";
import { commandOptions } from "./command-syntax";

export interface FleetArgs {
  /** --target: a string, or a list when repeated. */
  readonly fleetTarget?: string | readonly string[];
  readonly all?: boolean;
  readonly concurrency?: number;
  readonly failFast?: boolean;
  readonly canary?: number;
}

/** Plain string and boolean options, so the fast path reads them (a repeated --target goes to yargs, which makes it a list). */
export function withFleetOptions<T extends GlobalArgs>(yargs: Argv<T>): Argv<T & FleetArgs> {
  return yargs
    // --target's internal name: --help shows --target under --all instead
    .option("fleet-target", { type: "string", hidden: true })
    .option("all", { type: "boolean", describe: "run on every target in the config's `targets`; --target NAME (repeatable, globs: eu-*) on some" })
    .option("concurrency", { type: "number", describe: "with --all/--target: targets run at once (default 4)" })
    .option("fail-fast", { type: "boolean", describe: "with --all/--target: start no other target after one fails" })
    .option("canary", { type: "number", describe: "with --all/--target: run the first N targets first, and stop if any fails" }) as Argv<T & FleetArgs>;
}

/** `--target X` / `--target=X` as `--fleet-target`, for commands that take the fleet options (before any `--`). */
export function spellFleetTargets(argv: readonly string[], command: CliCommand | undefined): readonly string[] {
  if (!command || !commandOptions(command)?.has("fleet-target")) return argv;
  const end = argv.indexOf("--");
  return argv.map((arg, i) => (end >= 0 && i > end ? arg : arg === "--target" ? "--fleet-target" : arg.startsWith("--target=") ? `--fleet-target=${arg.slice(9)}` : arg));
}

export function isFleetRun(args: FleetArgs): boolean {
  return args.all === true || args.fleetTarget !== undefined;
}

/** The options a fleet run refuses or needs, checked before anything connects. */
function checkFleetArgs(args: FleetArgs & GlobalArgs): { patterns: string[] } {
  if (args.url !== undefined) throw new UsageError("--url and --all/--target do not go together", { hint: "the targets' URLs come from `targets` in the config" });
  if (args.concurrency !== undefined && (!Number.isInteger(args.concurrency) || args.concurrency < 1)) {
    throw new UsageError(`--concurrency must be a whole number of at least 1, got ${args.concurrency}`);
  }
  if (args.canary !== undefined && !Number.isInteger(args.canary)) throw new UsageError(`--canary must be a whole number, got ${args.canary}`);
  const raw = args.fleetTarget;
  const patterns = raw === undefined ? [] : typeof raw === "string" ? [raw] : [...raw];
  if (patterns.some((p) => p === "")) throw new UsageError("--target needs a name", { hint: "e.g. --target eu-1, or --target 'eu-*'" });
  return { patterns };
}

/**
 * The config `check` and `revision --autogenerate` compare with: the
 * reference target's when the config names one (and no --url overrides
 * it), after naming its database on stderr as for any command.
 */
export async function referenceConfig(context: CommandContext): Promise<ResolvedConfig> {
  const config = await context.config();
  if (config.referenceTarget === undefined || context.args.url !== undefined) return context.configWithDatabase();
  const { referenceConfig: ofTarget } = await import("../fleet/reference");
  const reference = await ofTarget(config);
  const line = reference.dialect.runtime.describeDatabase(reference.database, reference.root, context.io.cwd);
  const schema = reference.versionSchema !== config.versionSchema ? `, schema ${reference.versionSchema}` : "";
  context.note(`reference target ${config.referenceTarget}${line === null ? "" : ` (${line}${schema})`}`);
  return reference;
}

/** Refuses fleet options without --all/--target (the command then runs as it always has). */
export function refuseStrayFleetOptions(args: FleetArgs): void {
  if (isFleetRun(args)) return;
  for (const [flag, value] of [["concurrency", args.concurrency], ["fail-fast", args.failFast], ["canary", args.canary]] as const) {
    if (value !== undefined && value !== false) throw new UsageError(`--${flag} goes with --all or --target`, { hint: "e.g. migrator upgrade head --all --concurrency 8" });
  }
}

/**
 * Runs `task` across the picked targets and prints the report. Returns the
 * exit code: `failureCode` when a target failed or was not run, 1 when one
 * needs attention (behind, drift...), else 0.
 */
export async function runAcross<T>(
  args: FleetArgs & GlobalArgs,
  context: CommandContext,
  command: string,
  task: TargetTask<T>,
  options: { revisions: boolean; failureCode?: number; sql?: boolean },
): Promise<number> {
  if (options.sql) throw new UsageError("--sql prints one script without connecting: it does not go with --all/--target");
  const { patterns } = checkFleetArgs(args);
  const [{ runFleet }, { formatFleet, progressLine }] = await Promise.all([import("../fleet/fleet"), import("./format/fleet")]);
  const config = await context.config();
  const progress = progressWriter(context);
  let report: FleetReport<T>;
  try {
    report = await runFleet(config, command, { all: args.all, patterns }, task, {
      concurrency: args.concurrency,
      failFast: args.failFast,
      canary: args.canary,
      onProgress: (p) => progress.show(progressLine(p), p.done, p.running === 0 && p.done === p.total),
      notify: (line) => progress.note(line),
    });
  } finally {
    progress.end();
  }
  if (context.json) context.outJson(report);
  else context.out(formatFleet(report, { revisions: options.revisions }));
  if (report.counts.failed > 0 || report.counts["not run"] > 0) return options.failureCode ?? 1;
  return report.counts.attention > 0 ? 1 : 0;
}

/**
 * The progress line on stderr: rewritten in place on a terminal; elsewhere a
 * line at most once a second, and the last one.
 */
function progressWriter(context: CommandContext): { show(line: string, done: number, last: boolean): void; note(line: string): void; end(): void } {
  // only the process's own stderr can be a terminal (tests capture theirs)
  const tty = context.io.stderr === processIO.stderr && process.stderr.isTTY === true;
  let shown = "";
  let lastAt = 0;
  let pending: string | undefined;
  return {
    show(line, done, last) {
      const now = Date.now();
      if (tty) {
        shown = line;
        context.io.stderr(`\r${line}\x1b[K`);
        return;
      }
      pending = line;
      // a line says something once a target has finished
      if (last || (done > 0 && now - lastAt >= 1000)) {
        lastAt = now;
        context.io.stderr(`${line}\n`);
        pending = undefined;
      }
    },
    note(line) {
      if (tty && shown !== "") context.io.stderr("\r\x1b[K");
      context.note(line);
      if (tty && shown !== "") context.io.stderr(`\r${shown}\x1b[K`);
    },
    end() {
      if (tty && shown !== "") context.io.stderr("\n");
      else if (pending !== undefined) context.io.stderr(`${pending}\n`);
    },
  };
}
