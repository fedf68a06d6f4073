/**
 * `migrator validate`: applied revisions whose file changed since it ran
 * (sha256 against the newest upgrade in the log), or whose file is gone
 * (a version row, or a revision the log says is applied, that no file defines).
 */
import { hostname } from "node:os";
import type { ResolvedConfig } from "../config/types";
import type { Executor } from "../db/types";
import { RevisionError } from "../errors";
import { loadGraph } from "../revisions/load";
import { lookupRevision } from "../revisions/target";
import { fileChecksums } from "../runtime/revision-module";
import { useConnection } from "../runtime/session";
import { ensureTables, type LogRow, readLatestLog, readVersionRows, runtimeTables } from "../runtime/tables";
import { MIGRATOR_VERSION } from "../version";
import { ACCEPTED_BY } from "./log";

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
    rows: await readVersionRows(config.dialect, executor, tables),
    log: await readLatestLog(config.dialect, executor, tables),
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
    const now = fileChecksums(path);
    // the raw sha256 is what versions before the normalised checksum logged
    if (now.normalised !== entry.checksum && now.raw !== entry.checksum) problems.push(withTime({ revision: id, kind: "changed", path }, entry));
  }
  return { checked, unlogged, problems };
}

function withTime(problem: ValidationProblem, entry: LogRow | undefined): ValidationProblem {
  return entry && entry.direction === "up" ? { ...problem, appliedAt: entry.startedAt.toISOString() } : problem;
}

export interface AcceptResult {
  readonly revision: string;
  /** The checksum now recorded for the revision's file. */
  readonly checksum: string;
}

/**
 * `validate --accept REV`: the applied revision's file as it is now becomes
 * what validate compares with, through a log row (who accepted it, from
 * where, when) rather than an edit of the row that ran it.
 */
export async function acceptChecksum(config: ResolvedConfig, target: string, options: { executor?: Executor } = {}): Promise<AcceptResult> {
  const graph = loadGraph(config);
  const revision = lookupRevision(graph, target);
  const tables = runtimeTables(config);
  const checksum = fileChecksums(graph.get(revision).path).normalised;
  return useConnection(config, options.executor, async (executor) => {
    const rows = await readVersionRows(config.dialect, executor, tables);
    const applied = new Set(graph.ancestors(rows.filter((id) => graph.has(id))));
    if (!applied.has(revision)) {
      throw new RevisionError(`revision ${revision} is not applied to this database: there is nothing to accept`, {
        hint: "validate compares the files of applied revisions only",
      });
    }
    await ensureTables(config.dialect, executor, tables);
    const accepted = config.dialect.runtime.acceptChecksumStatement(tables, {
      revision,
      checksum,
      host: hostname(),
      application: ACCEPTED_BY,
      migratorVersion: MIGRATOR_VERSION,
    });
    await executor.query(accepted.sql, accepted.params);
    return { revision, checksum };
  });
}
