/**
 * What each statement of a revision does to the tables that exist before
 * it: the strongest lock it takes on each, and whether it scans or rewrites
 * the rows (the dialect's `work`, the same knowledge its rules use). No
 * second lock table: the locks are the lint actions' own. The dry run and
 * `lint --sizes` add the tables' sizes from the catalog.
 */
import type { Executor } from "../db/types";
import type { Dialect } from "../dialect";
import { qualifiedKey, type QualifiedName } from "../model/types";
import type { Operation } from "../ops/types";
import type { DryRunEstimator } from "../runtime/dry-run";
import { RevisionState } from "./engine";
import type { DialectLint, LintAction, LintStatement, LockBlocks, SizedTable, StatementEstimate, TableEffect } from "./types";

/** Each operation as the statements lint reads it as, with their estimates (an `execute` may hold several statements). */
export async function estimateOperations(ops: readonly Operation[], options: { transactional: boolean; dialect: DialectLint }): Promise<StatementEstimate[][]> {
  // a runner-set lock timeout changes findings, not what a statement locks or reads
  const state = new RevisionState(options.transactional, false);
  const estimates: StatementEstimate[][] = [];
  for (const [index, op] of ops.entries()) {
    const statements = await options.dialect.operation(op, { op: index + 1 });
    estimates.push(statements.map((statement) => estimateStatement(statement, state, options.dialect)));
  }
  return estimates;
}

function estimateStatement(statement: LintStatement, state: RevisionState, dialect: DialectLint): StatementEstimate {
  const effects = new Map<string, Effect>();
  const effectOf = (table: QualifiedName): Effect => {
    const key = qualifiedKey(table);
    const found = effects.get(key) ?? { table, work: "none", certain: true, because: [] };
    effects.set(key, found);
    return found;
  };
  for (const action of statement.actions) {
    const locked = lockOf(action);
    if (locked !== undefined && !state.isNew(locked.table)) {
      const effect = effectOf(locked.table);
      if (effect.lock === undefined || BLOCKING[locked.blocks] > BLOCKING[effect.lock.blocks]) effect.lock = { mode: locked.mode, blocks: locked.blocks };
    }
    const work = dialect.work(action, state);
    if (work === undefined) continue;
    const effect = effectOf(work.table);
    if (WEIGHT[work.kind] > WEIGHT[effect.work] || (work.kind === effect.work && work.certain && !effect.certain)) {
      effect.work = work.kind;
      effect.certain = work.certain;
    }
    effect.because.push(work.because);
  }
  // what a statement does counts from the next one on, as for the rules
  for (const action of statement.actions) state.record(action);
  return { at: statement.at, text: statement.text, tables: [...effects.values()].map(freeze) };
}

interface Effect {
  table: QualifiedName;
  lock?: { mode: string; blocks: LockBlocks };
  work: TableEffect["work"];
  certain: boolean;
  because: string[];
}

const BLOCKING: Readonly<Record<LockBlocks, number>> = { "schema-changes": 0, writes: 1, "reads-and-writes": 2 };
const WEIGHT: Readonly<Record<TableEffect["work"], number>> = { none: 0, scan: 1, rewrite: 2 };

function lockOf(action: LintAction): { table: QualifiedName; mode: string; blocks: LockBlocks } | undefined {
  return action.kind === "lock" ? action.lock : undefined;
}

function freeze(effect: Effect): TableEffect {
  return {
    table: effect.table,
    ...(effect.lock === undefined ? {} : { lock: effect.lock }),
    work: effect.work,
    certain: effect.certain,
    because: effect.because,
  };
}

/** Every table the estimates name, once each, in the order first named. */
export function tablesOf(estimates: readonly StatementEstimate[]): QualifiedName[] {
  const seen = new Map<string, QualifiedName>();
  for (const estimate of estimates) for (const effect of estimate.tables) if (!seen.has(qualifiedKey(effect.table))) seen.set(qualifiedKey(effect.table), effect.table);
  return [...seen.values()];
}

/** The estimates with each table's size (null: not in the database). */
export function withSizes(estimates: readonly StatementEstimate[], sizes: readonly SizedTable[]): StatementEstimate[] {
  const byKey = new Map(sizes.map((sized) => [qualifiedKey(sized.table), sized.size]));
  return estimates.map((estimate) => ({ ...estimate, tables: estimate.tables.map((effect) => ({ ...effect, size: byKey.get(qualifiedKey(effect.table)) ?? null })) }));
}

/** The estimates a dry run adds to each statement, from the dialect's lint part and catalog. */
export function dryRunEstimator(dialect: Dialect): DryRunEstimator {
  return {
    estimate: (ops, transactional) => estimateOperations(ops, { transactional, dialect: dialect.lint }),
    addSizes: async (estimates, executor: Executor) => withSizes(estimates, await dialect.catalog.tableSizes(executor, tablesOf(estimates))),
  };
}
