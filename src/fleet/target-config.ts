/**
 * One target's config: the project's, with the target's database, and for a
 * tenant schema the version and log tables in that schema (its own lock
 * too, as the lock is keyed by the version table), that schema as the
 * home of unqualified entities (what `check` compares) and as where
 * revisions run (runtime/home.ts).
 */
import type { ResolvedConfig } from "../config/types";
import type { FleetTarget } from "./types";

export function configForTarget(config: ResolvedConfig, target: FleetTarget): ResolvedConfig {
  const { targets: _fleet, referenceTarget: _reference, ...project } = config;
  if (target.schema === null) return { ...project, database: target.database };
  return {
    ...project,
    database: target.database,
    versionSchema: target.schema,
    tenantSchema: target.schema,
    entityOptions: { ...config.entityOptions, schema: target.schema },
  };
}
