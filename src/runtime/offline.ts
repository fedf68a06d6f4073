/**
 * `--sql`: the plan as a script, without a connection. Each revision in a
 * transaction of its own (one around the plan with transactionMode "all";
 * none around a non-transactional revision), its version-row changes and log
 * row inside the same transaction, the tables created first. Each step
 * starts with a guard (see offline-guard.ts), so a script run twice stops
 * instead of running its steps again.
 */
import type { Dialect } from "../dialect";
import type { Statement } from "../dialect/statement";
import { Operations } from "../ops/operations";
import { printableLine } from "../revisions/naming";
import type { Plan } from "../revisions/plan";
import type { VersionRowChange } from "../revisions/version-rows";
import { describeVersionChange } from "./describe";
import { stepFailure } from "./failure";
import { expectedRows } from "./offline-guard";
import { type RevisionModule, loadPlanModules } from "./revision-module";
import { CollectingSink } from "./sinks";
import type { RuntimeTables } from "./tables";

export interface OfflineContext {
  readonly dialect: Dialect;
  readonly tables: RuntimeTables;
  readonly root: string;
  readonly transactionMode: "per-revision" | "all";
  /** First line of a revision's message, for the comment above its statements. */
  readonly messageOf: (revision: string) => string;
  /** A comment line at the top (the command and range). */
  readonly title: string;
}

export async function renderOfflinePlan(plan: Plan, context: OfflineContext): Promise<string> {
  const { dialect, tables } = context;
  const runtime = dialect.runtime;
  const tx = runtime.transactions;
  const out: string[] = [`-- ${context.title}`, ""];
  for (const sql of runtime.createTablesSql(tables)) out.push(terminated(sql));
  const modules = loadPlanModules(plan, context.root, dialect);
  // where DDL commits at once, every step is a non-transactional one (see run.ts)
  const inTransaction = (module: RevisionModule): boolean => module.transactional && runtime.transactionalDdl;
  if (!runtime.transactionalDdl) {
    out.push("-- this database commits each DDL statement at once: each revision runs without a transaction, its start and finish");
    out.push("-- recorded in the log table and its version row written after its statements; a script stopped half-way leaves them applied", "");
  }
  // a log table made before unfinished rows were recorded: the start rows of non-transactional steps need NULLs
  const relax = runtime.relaxLogSql(tables);
  if (relax !== "" && modules.some((module) => !inTransaction(module))) out.push(terminated(relax));
  let open = false;
  const expected = expectedRows(plan);
  for (const [index, step] of plan.steps.entries()) {
    const module = modules[index] as RevisionModule;
    const sink = new CollectingSink(dialect, inTransaction(module));
    try {
      await (step.direction === "up" ? module.upgrade : module.downgrade)(new Operations(sink, dialect.types));
    } catch (error) {
      throw stepFailure(error, { dialect, step, root: context.root });
    }
    out.push("", `-- ${step.direction === "up" ? "upgrade" : "downgrade"} ${step.revision}: ${printableLine(context.messageOf(step.revision))}`);
    if (inTransaction(module)) {
      if (!open) out.push(terminated(tx.begin(null)));
      open = true;
    } else {
      if (open) out.push(terminated(tx.commit), "");
      open = false;
      if (runtime.transactionalDdl) out.push("-- not transactional: runs outside a transaction");
    }
    // first in the step's transaction: stops the script unless the version table is where this step expects it
    out.push(terminated(runtime.offlineGuardSql(tables, step, expected.before[index] ?? [], expected.known)));
    if (!inTransaction(module)) {
      // its start recorded first, as online: a script stopped half-way leaves a trace `migrator status` reports
      out.push(offline(dialect, runtime.offlineStartStatement(tables, step.revision, step.direction, module.checksum)));
    }
    for (const stmt of sink.statements) out.push(offline(dialect, stmt));
    const record = [
      ...runtime.versionChangeStatements(tables, step.versionChanges),
      inTransaction(module)
        ? runtime.offlineLogStatement(tables, step.revision, step.direction, module.checksum)
        : runtime.offlineFinishStatement(tables, step.revision, step.direction),
    ];
    for (const stmt of record) out.push(offline(dialect, stmt));
    if (open && context.transactionMode === "per-revision") {
      out.push(terminated(tx.commit));
      open = false;
    }
  }
  if (open) out.push(terminated(tx.commit));
  return `${out.join("\n")}\n`;
}

/** Version rows only (stamp --sql): one transaction; `purge` empties the table first. */
export function renderOfflineStamp(dialect: Dialect, tables: RuntimeTables, changes: readonly VersionRowChange[], title: string, purge = false): string {
  const { runtime } = dialect;
  const out = [`-- ${title}`, "", ...runtime.createTablesSql(tables).map(terminated), "", terminated(runtime.transactions.begin(null))];
  if (purge) out.push(terminated(runtime.purgeVersionSql(tables)));
  for (const change of changes) out.push(`-- ${describeVersionChange(change)}`);
  for (const stmt of runtime.versionChangeStatements(tables, changes)) out.push(offline(dialect, stmt));
  out.push(terminated(runtime.transactions.commit));
  return `${out.join("\n")}\n`;
}

function offline(dialect: Dialect, stmt: Statement): string {
  return terminated(dialect.sql.toOfflineSql(stmt));
}

function terminated(sql: string): string {
  const trimmed = sql.trimEnd();
  return trimmed.endsWith(";") ? trimmed : `${trimmed};`;
}
