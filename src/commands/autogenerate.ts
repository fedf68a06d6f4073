/**
 * `migrator revision --autogenerate -m MSG`: diff the entities against the
 * database (which must be at the head first), render the operations and
 * their reverses into a new revision file (`--sql-file`: as SQL, in an .sql
 * revision).
 */
import { mkdirSync } from "node:fs";
import { compareWithDatabase } from "../compare";
import { useConnection } from "../runtime/session";
import { writtenForPublic } from "../compare/written-for-public";
import { onlinePhases } from "../diff";
import type { Operation } from "../ops/types";
import type { RenameHint, ResolvedConfig } from "../config/types";
import { MigratorError } from "../errors";
import type { LintFinding } from "../lint/types";
import { renderRevisionBodies, type RevisionBodies } from "../render";
import { renderSqlRevisionBodies } from "../render/sql-body";
import { startCompilingEntities } from "../loader/entities";
import { loadGraph } from "../revisions/load";
import { requireAtHeads } from "./at-heads";
import { revision, versionFolder, type RevisionOptions, type RevisionResult } from "./revision";

export interface AutogenerateOptions extends Omit<RevisionOptions, "upgrades" | "downgrades" | "imports" | "nonTransactional"> {
  /** Write a revision even when nothing changed. */
  readonly allowEmpty?: boolean;
  /** The id of the second, online revision when one is written (default: a new random id). */
  readonly onlineRevId?: string;
  /** Rename hints from the command line (the config's `renames` apply too). */
  readonly renames?: readonly RenameHint[];
}

export interface AutogenerateResult {
  /** Null when nothing changed and no file was written. */
  readonly revision: RevisionResult | null;
  /**
   * The second, non-transactional revision holding the lock-friendly forms
   * (diff/online.ts): written after `revision`, as its child, when any op has one.
   */
  readonly onlineRevision?: RevisionResult;
  readonly operations: number;
  /** What the upgrade loses, one sentence per destructive operation. */
  readonly destructive: readonly string[];
  /** What the downgrade cannot restore. */
  readonly irreversible: readonly string[];
  /** What the upgrade's and the downgrade's ops risk without losing data ("the upgrade sets ... NOT NULL: ..."). */
  readonly cautions: readonly string[];
  readonly warnings: readonly string[];
  /** `migrator lint`'s findings on the written revision (printed on stderr; they do not stop the write). */
  readonly lint: readonly LintFinding[];
}

export async function autogenerate(config: ResolvedConfig, options: AutogenerateOptions): Promise<AutogenerateResult> {
  mkdirSync(versionFolder(config, options.versionPath), { recursive: true });
  // a fresh clone's entity files compile on swc's threads while the graph is read and the database answers
  startCompilingEntities(config);
  const graph = loadGraph(config);
  const comparison = await useConnection(config, undefined, async (executor) => {
    await requireAtHeads(executor, config, graph, "so the new revision is computed against the latest schema");
    const compared = await compareWithDatabase(config, executor, { renames: options.renames });
    // a tenant reference's revision is written as for public, to run in every tenant's schema
    return config.tenantSchema === undefined ? compared : writtenForPublic(compared, config.tenantSchema, config.dialect);
  });
  if (comparison.ops.length === 0 && !options.allowEmpty) {
    return { revision: null, operations: 0, destructive: [], irreversible: [], cautions: [], warnings: comparison.warnings, lint: [] };
  }
  // what the database has no SQL for is refused now, before a file is written, not half-way through an upgrade
  // (without transactional DDL the statements before it would stay applied)
  for (const op of comparison.ops) config.dialect.sql.toSql(op);
  const phases = onlinePhases(comparison.ops, { online: config.online, concurrentIndexes: comparison.concurrentIndexes }, config.dialect.types);
  const render = (ops: readonly Operation[]): RevisionBodies & { nonTransactional?: boolean } =>
    options.sqlFile === true
      ? { ...renderSqlRevisionBodies(ops, config.dialect), imports: [] }
      : renderRevisionBodies(ops, config.dialect, { models: [comparison.current, comparison.target] });
  // one revision per phase: the locking one in a transaction, then (its child) the online one without;
  // a change that is all online is one non-transactional revision
  const first = phases.locking.length > 0 || phases.online.length === 0 ? render(phases.locking) : undefined;
  const online = phases.online.length === 0 ? undefined : render(phases.online);
  const write = (bodies: RevisionBodies & { nonTransactional?: boolean }, extra: Partial<AutogenerateOptions>, nonTransactional?: boolean): RevisionResult =>
    revision(config, {
      ...options,
      ...extra,
      upgrades: bodies.upgrades,
      downgrades: bodies.downgrades,
      imports: bodies.imports,
      nonTransactional: nonTransactional ?? bodies.nonTransactional,
    });
  const written = first === undefined ? undefined : write(first, {});
  const onlineWritten =
    online === undefined
      ? undefined
      : written === undefined
        ? write(online, {}, true)
        : write(online, { message: `${options.message} (online)`, head: written.revision, revId: options.onlineRevId, branchLabel: undefined, dependsOn: undefined, splice: false }, true);
  const both = [first, online].flatMap((b) => (b === undefined ? [] : [b]));
  // lint each revision as written: the locking one (in a transaction unless it is all online), then the online one
  const { lintGeneratedOperations } = await import("./lint");
  const lint = [
    ...(first === undefined ? [] : await lintGeneratedOperations(config, phases.locking, { transactional: first.nonTransactional !== true })),
    ...(online === undefined ? [] : await lintGeneratedOperations(config, phases.online, { transactional: false })),
  ];
  return {
    revision: written ?? onlineWritten ?? null,
    ...(written !== undefined && onlineWritten !== undefined ? { onlineRevision: onlineWritten } : {}),
    operations: comparison.ops.length,
    destructive: both.flatMap((b) => b.destructive),
    irreversible: both.flatMap((b) => b.irreversible),
    cautions: both.flatMap((b) => b.cautions),
    warnings: comparison.warnings,
    lint,
  };
}

/** `--rename-table OLD:NEW` and `--rename-column TABLE.OLD:NEW` as rename hints. */
export function parseRenameFlags(tables: readonly string[], columns: readonly string[]): RenameHint[] {
  const hints: RenameHint[] = [];
  for (const flag of tables) {
    const match = /^([^:]+):([^:]+)$/.exec(flag);
    if (!match) throw new MigratorError(`--rename-table ${flag}: expected OLD:NEW`, { exitCode: 2 });
    hints.push({ table: match[1], to: match[2] });
  }
  for (const flag of columns) {
    const match = /^(.+)\.([^.:]+):([^:]+)$/.exec(flag);
    if (!match) throw new MigratorError(`--rename-column ${flag}: expected TABLE.OLD:NEW`, { exitCode: 2 });
    hints.push({ table: match[1], column: match[2], to: match[3] });
  }
  return hints;
}
