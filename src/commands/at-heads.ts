/**
 * autogenerate and check compare the entities with the schema the revisions
 * build, so the database must be exactly at the graph's heads: behind, the
 * pending revisions' changes would be reported (or written) again; at a
 * revision no file defines, the comparison means nothing.
 */
import type { ResolvedConfig } from "../config/types";
import type { Executor } from "../db/types";
import { MigratorError } from "../errors";
import type { RevisionGraph } from "../revisions/graph";
import { readVersionRows, runtimeTables } from "../runtime/tables";

export async function requireAtHeads(executor: Executor, config: ResolvedConfig, graph: RevisionGraph, why: string): Promise<void> {
  const current = (await readVersionRows(config.dialect, executor, runtimeTables(config))).sort();
  const heads = [...graph.heads].sort();
  if (current.join(" ") === heads.join(" ")) return;
  const unknown = current.filter((id) => !graph.has(id));
  throw new MigratorError(
    `the database is not at the head: it is at ${current.length ? current.join(", ") : "base (no revision applied)"}, the revisions' head${heads.length === 1 ? " is" : "s are"} ${heads.length ? heads.join(", ") : "base (no revisions)"}`,
    {
      hint:
        unknown.length > 0
          ? `no revision file defines ${unknown.join(", ")}: restore it, or \`migrator stamp\` the revision the schema is at`
          : `run \`migrator upgrade heads\` first, ${why}`,
    },
  );
}
