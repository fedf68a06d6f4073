/** Changes inside one table present on both sides (after renames), foreign keys aside. */
import { tableOptions, type IndexModel, type QualifiedName, type TableModel, type TableOptions } from "../model/types";
import { displayTable } from "../model/names";
import type { Operation } from "../ops/types";
import { diffColumns, type ColumnContext } from "./columns";
import { compareText } from "../model/names";
import { changedByName, sameCheck, sameExclusion, sameIndex, samePrimaryKey, sameUnique } from "./compare";

export interface TableDiff {
  readonly table: QualifiedName;
  /** The table's block, in an order that runs: drops of constraints and indexes, columns, creates, comment. */
  readonly block: Operation[];
  /** Ops that wait for an enum recreate (and the creates after them). */
  readonly deferred: Operation[];
  readonly warnings: string[];
  /** Facts other tables' foreign keys depend on. */
  readonly retyped: ReadonlySet<string>;
  /** `keyOf(columns)` of primary keys, unique constraints and unique indexes that are dropped. */
  readonly droppedKeys: ReadonlySet<string>;
}

export function keyOf(columns: readonly string[]): string {
  return [...columns].sort(compareText).join("\u0000");
}

export function diffTable(before: TableModel, after: TableModel, ctx: ColumnContext): TableDiff {
  const table: QualifiedName = { schema: after.schema, name: after.name };
  const drops: Operation[] = [];
  const creates: Operation[] = [];
  const droppedKeys = new Set<string>();

  if (!samePrimaryKey(before.primaryKey, after.primaryKey)) {
    if (before.primaryKey) {
      drops.push({ kind: "dropConstraint", table, name: before.primaryKey.name, definition: { type: "primaryKey", primaryKey: before.primaryKey } });
      droppedKeys.add(keyOf(before.primaryKey.columns));
    }
    if (after.primaryKey) creates.push({ kind: "createPrimaryKey", table, primaryKey: after.primaryKey });
  }

  const uniques = changedByName(before.uniques, after.uniques, sameUnique);
  for (const unique of uniques.dropped) {
    drops.push({ kind: "dropConstraint", table, name: unique.name, definition: { type: "unique", unique } });
    droppedKeys.add(keyOf(unique.columns));
  }
  for (const unique of uniques.created) creates.push({ kind: "createUniqueConstraint", table, unique });

  const checks = changedByName(before.checks, after.checks, sameCheck);
  for (const check of checks.dropped) drops.push({ kind: "dropConstraint", table, name: check.name, definition: { type: "check", check } });
  for (const check of checks.created) creates.push({ kind: "createCheckConstraint", table, check });

  const exclusions = changedByName(before.exclusions, after.exclusions, sameExclusion);
  for (const exclusion of exclusions.dropped) drops.push({ kind: "dropConstraint", table, name: exclusion.name, definition: { type: "exclusion", exclusion } });
  for (const exclusion of exclusions.created) creates.push({ kind: "createExclusionConstraint", table, exclusion });

  const indexes = diffIndexes(table, before.indexes, after.indexes);
  drops.push(...indexes.drops);
  creates.push(...indexes.creates);
  for (const index of indexes.dropped) {
    if (index.unique && index.where === null && index.keys.every((k) => "column" in k)) {
      droppedKeys.add(keyOf(index.keys.map((k) => ("column" in k ? k.column : ""))));
    }
  }

  const columns = diffColumns(table, before.columns, after.columns, ctx);
  if (before.comment !== after.comment) creates.push({ kind: "setTableComment", table, comment: { from: before.comment, to: after.comment } });

  // Creates may use columns that only exist once the deferred ops ran: they wait too.
  const waits = columns.deferred.length > 0 || creates.some((op) => ctx.mentionsRecreatedEnum(sqlOf(op)));
  return {
    table,
    block: [...drops, ...columns.drops, ...columns.changes, ...(waits ? [] : creates)],
    deferred: waits ? [...columns.deferred, ...creates] : [],
    warnings: [...columns.warnings, ...optionWarnings(table, tableOptions(before), tableOptions(after))],
    retyped: columns.retyped,
    droppedKeys,
  };
}

/**
 * MySQL's table options (engine, default charset and collation) have no
 * operation yet: a change is reported so the reviewer writes it by hand.
 */
function optionWarnings(table: QualifiedName, before: TableOptions, after: TableOptions): string[] {
  const keys = ["engine", "charset", "collation"] as const;
  return keys
    .filter((key) => before[key] !== after[key])
    .map((key) => `table ${displayTable(table)} changes its ${key} from ${before[key] ?? "the default"} to ${after[key] ?? "the default"}: this revision does not change it; write it by hand (op.execute)`);
}

/** The SQL text an op creates, where it may name an enum value. */
function sqlOf(op: Operation): string {
  switch (op.kind) {
    case "createCheckConstraint":
      return op.check.expression;
    case "createExclusionConstraint":
      return op.exclusion.definition;
    case "createIndex":
      return [op.index.where ?? "", ...op.index.keys.map((k) => ("expression" in k ? k.expression : ""))].join(" ");
    default:
      return "";
  }
}

export interface IndexDiff {
  readonly drops: Operation[];
  readonly creates: Operation[];
  readonly dropped: IndexModel[];
}

/** Indexes of a table or materialized view: a changed index is dropped and created again. */
export function diffIndexes(table: QualifiedName, before: readonly IndexModel[], after: readonly IndexModel[]): IndexDiff {
  const { dropped, created } = changedByName(before, after, sameIndex);
  return {
    drops: dropped.map((index): Operation => ({ kind: "dropIndex", table, name: index.name, definition: index })),
    creates: created.map((index): Operation => ({ kind: "createIndex", table, index })),
    dropped,
  };
}
