/**
 * `--sql`: the plan as a script, without a connection. Each revision between
 * BEGIN; and COMMIT; (one pair around the plan with transactionMode "all";
 * none around a non-transactional revision), its version-row changes and log
 * row inside the same transaction, the tables created first. Each step
 * starts with a guard (see offline-guard.ts), so a script run twice stops
 * instead of running its steps again.
 */
import { toOfflineSql, type Statement } from "../dialect/postgres";
import { Operations } from "../ops/operations";
import { printableLine } from "../revisions/naming";
import type { Plan } from "../revisions/plan";
import type { VersionRowChange } from "../revisions/version-rows";
import { describeVersionChange } from "./describe";
import { stepFailure } from "./failure";
import { expectedRows, guardSql } from "./offline-guard";
import { type RevisionModule, loadPlanModules } from "./revision-module";
import { CollectingSink } from "./sinks";
import {
  type RuntimeTables,
  createTablesSql,
  offlineFinishStatement,
  offlineLogStatement,
  offlineStartStatement,
  purgeVersionSql,
  relaxLogSql,
  versionChangeStatements,
} from "./tables";

export interface OfflineContext {
  readonly tables: RuntimeTables;
  readonly root: string;
  readonly transactionMode: "per-revision" | "all";
  /** First line of a revision's message, for the comment above its statements. */
  readonly messageOf: (revision: string) => string;
  /** A comment line at the top (the command and range). */
  readonly title: string;
}

export async function renderOfflinePlan(plan: Plan, context: OfflineContext): Promise<string> {
  const out: string[] = [`-- ${context.title}`, ""];
  for (const sql of createTablesSql(context.tables)) out.push(terminated(sql));
  const modules = loadPlanModules(plan, context.root);
  // a log table made before unfinished rows were recorded: the start rows of non-transactional steps need NULLs
  if (modules.some((module) => !module.transactional)) out.push(terminated(relaxLogSql(context.tables)));
  let open = false;
  const expected = expectedRows(plan);
  for (const [index, step] of plan.steps.entries()) {
    const module = modules[index] as RevisionModule;
    const sink = new CollectingSink(module.transactional);
    try {
      await (step.direction === "up" ? module.upgrade : module.downgrade)(new Operations(sink));
    } catch (error) {
      throw stepFailure(error, { step, root: context.root });
    }
    out.push("", `-- ${step.direction === "up" ? "upgrade" : "downgrade"} ${step.revision}: ${printableLine(context.messageOf(step.revision))}`);
    if (module.transactional) {
      if (!open) out.push("BEGIN;");
      open = true;
    } else {
      if (open) out.push("COMMIT;", "");
      open = false;
      out.push("-- not transactional: runs outside a transaction");
    }
    // first in the step's transaction: stops the script unless the version table is where this step expects it
    out.push(terminated(guardSql(context.tables, step, expected.before[index] ?? [], expected.known)));
    if (!module.transactional) {
      // its start recorded first, as online: a script stopped half-way leaves a trace `migrator status` reports
      out.push(offline(offlineStartStatement(context.tables, step.revision, step.direction, module.checksum)));
    }
    for (const stmt of sink.statements) out.push(offline(stmt));
    const record = module.transactional
      ? bookkeeping(context.tables, step.versionChanges, step.revision, step.direction, module.checksum)
      : [...versionChangeStatements(context.tables, step.versionChanges), offlineFinishStatement(context.tables, step.revision, step.direction)];
    for (const stmt of record) out.push(offline(stmt));
    if (open && context.transactionMode === "per-revision") {
      out.push("COMMIT;");
      open = false;
    }
  }
  if (open) out.push("COMMIT;");
  return `${out.join("\n")}\n`;
}

/** Version rows only (stamp --sql): one transaction; `purge` empties the table first. */
export function renderOfflineStamp(tables: RuntimeTables, changes: readonly VersionRowChange[], title: string, purge = false): string {
  const out = [`-- ${title}`, "", ...createTablesSql(tables).map(terminated), "", "BEGIN;"];
  if (purge) out.push(terminated(purgeVersionSql(tables)));
  for (const change of changes) out.push(`-- ${describeVersionChange(change)}`);
  for (const stmt of versionChangeStatements(tables, changes)) out.push(offline(stmt));
  out.push("COMMIT;");
  return `${out.join("\n")}\n`;
}

function bookkeeping(
  tables: RuntimeTables,
  changes: readonly VersionRowChange[],
  revision: string,
  direction: "up" | "down",
  checksum: string,
): Statement[] {
  return [...versionChangeStatements(tables, changes), offlineLogStatement(tables, revision, direction, checksum)];
}

function offline(stmt: Statement): string {
  return terminated(toOfflineSql(stmt));
}

function terminated(sql: string): string {
  const trimmed = sql.trimEnd();
  return trimmed.endsWith(";") ? trimmed : `${trimmed};`;
}
