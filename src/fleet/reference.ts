/**
 * The reference target: the one database `revision --autogenerate` and a
 * plain `check` compare the entities with, when the config names one
 * (`referenceTarget`); never the whole fleet.
 */
import type { ResolvedConfig } from "../config/types";
import { ConfigError } from "../errors";
import { closestWord } from "../errors/closest";
import { listTargets } from "./select";
import { configForTarget } from "./target-config";

/**
 * The config to compare with: the reference target's, or the config itself
 * when it names none. A tenant's config compares in its schema; autogenerate
 * then writes the revision as for public (compare/written-for-public.ts),
 * which every tenant runs in its own schema.
 */
export async function referenceConfig(config: ResolvedConfig): Promise<ResolvedConfig> {
  const name = config.referenceTarget;
  if (name === undefined) return config;
  const targets = await listTargets(config);
  const target = targets.find((t) => t.name === name);
  if (!target) {
    const guess = closestWord(name, targets.map((t) => t.name));
    throw new ConfigError(`referenceTarget "${name}" is not among the targets`, { hint: guess ? `did you mean "${guess}"?` : "name one of the config's targets" });
  }
  return configForTarget(config, target);
}
