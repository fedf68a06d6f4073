/**
 * `migrator validate`: applied revisions whose file changed since it ran
 * (sha256 against the newest upgrade in the log), or whose file is gone
 * (a version row, or a revision the log says is applied, that no file defines).
 */
import type { ResolvedConfig } from "../config/types";
import type { Executor } from "../db/types";
import { loadGraph } from "../revisions/load";
import { fileChecksum } from "../runtime/revision-module";
import { useConnection } from "../runtime/session";
import { type LogRow, readLatestLog, readVersionRows, runtimeTables } from "../runtime/tables";

export interface ValidationProblem {
  readonly revision: string;
  readonly kind: "changed" | "missing";
  /** The file of a changed revision (a missing one has none). */
  readonly path?: string;
  /** When the revision was last upgraded, when the log knows. */
  readonly appliedAt?: string;
}

export interface ValidateResult {
  /** Applied revisions whose checksum was compared. */
  readonly checked: number;
  /** Applied revisions with no upgrade in the log (stamped, or applied by another tool): nothing to compare. */
  readonly unlogged: readonly string[];
  readonly problems: readonly ValidationProblem[];
}

export async function validate(config: ResolvedConfig, options: { executor?: Executor } = {}): Promise<ValidateResult> {
  const graph = loadGraph(config);
  const tables = runtimeTables(config);
  const { rows, log } = await useConnection(config, options.executor, async (executor) => ({
    rows: await readVersionRows(executor, tables),
    log: await readLatestLog(executor, tables),
  }));
  const problems: ValidationProblem[] = [];
  const missing = new Set(rows.filter((id) => !graph.has(id)));
  for (const [id, entry] of log) if (entry.direction === "up" && !graph.has(id)) missing.add(id);
  for (const id of [...missing].sort()) problems.push(withTime({ revision: id, kind: "missing" }, log.get(id)));

  const applied = graph.upgradeOrder(graph.ancestors(rows.filter((id) => graph.has(id))));
  const unlogged: string[] = [];
  let checked = 0;
  for (const id of applied) {
    const entry = log.get(id);
    if (entry === undefined || entry.direction !== "up" || entry.checksum === null) {
      unlogged.push(id);
      continue;
    }
    checked += 1;
    const path = graph.get(id).path;
    if (fileChecksum(path) !== entry.checksum) problems.push(withTime({ revision: id, kind: "changed", path }, entry));
  }
  return { checked, unlogged, problems };
}

function withTime(problem: ValidationProblem, entry: LogRow | undefined): ValidationProblem {
  return entry && entry.direction === "up" ? { ...problem, appliedAt: entry.startedAt.toISOString() } : problem;
}
