/**
 * Which targets a command runs on: the config's list (or what its function
 * returns), narrowed by `--target` globs or taken whole by `--all`.
 */
import { checkTargetList, type TargetSpec } from "../config/targets";
import type { ResolvedConfig } from "../config/types";
import { ConfigError, UsageError } from "../errors";
import { closestWord } from "../errors/closest";
import type { FleetTarget } from "./types";

export interface Selection {
  /** --all */
  readonly all?: boolean;
  /** --target patterns (`*` and `?` globs), in the order given. */
  readonly patterns?: readonly string[];
}

/** The config's targets, the function called if it is one; checked either way. */
export async function listTargets(config: ResolvedConfig): Promise<FleetTarget[]> {
  const setting = config.targets;
  if (setting === undefined) {
    throw new ConfigError("--all and --target need `targets` in migrator.config.ts", {
      hint: 'e.g. targets: [{ name: "eu-1", url: "postgres://..." }, { name: "acme", url: "postgres://.../app", schema: "tenant_acme" }]',
    });
  }
  let list: unknown = setting;
  if (typeof setting === "function") {
    try {
      list = await setting();
    } catch (error) {
      throw new ConfigError(`targets() in the config failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    checkTargetList(list, "the list targets() returned");
  }
  return (list as readonly TargetSpec[]).map(toFleetTarget);
}

function toFleetTarget(spec: TargetSpec): FleetTarget {
  const database = spec.url !== undefined ? { url: spec.url } : { embedded: spec.embedded as string };
  return { name: spec.name, database, schema: spec.schema ?? null };
}

/** The targets picked, in the config's order; a pattern matching none is a usage error. */
export function selectTargets(targets: readonly FleetTarget[], selection: Selection): FleetTarget[] {
  if (selection.all) return [...targets];
  const patterns = selection.patterns ?? [];
  const names = targets.map((t) => t.name);
  const matchers = patterns.map((pattern) => ({ pattern, test: globMatcher(pattern) }));
  for (const { pattern, test } of matchers) {
    if (names.some(test)) continue;
    const guess = closestWord(pattern, names);
    throw new UsageError(`--target ${pattern}: no target of that name`, {
      hint: guess ? `did you mean "${guess}"?` : names.length > 0 ? `the targets: ${names.slice(0, 10).join(", ")}${names.length > 10 ? ", ..." : ""}` : "the config's targets list is empty",
    });
  }
  return targets.filter((t) => matchers.some(({ test }) => test(t.name)));
}

/** `eu-*`, `tenant_??`: `*` any run of characters, `?` one; anything else literal. */
export function globMatcher(pattern: string): (name: string) => boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\*?]/g, (c) => (c === "*" ? ".*" : c === "?" ? "." : `\\${c}`));
  const regex = new RegExp(`^${source}$`, "s");
  return (name) => regex.test(name);
}
