/** Column-level changes of one table present on both sides. */
import type { ColumnModel, QualifiedName } from "../model/types";
import type { AddColumnOp, AlterColumnOp, DropColumnOp, Operation, SetColumnCommentOp } from "../ops/types";
import { displayColumn, hintTable } from "./names";
import { isWidening, needsUsing, usingCast } from "./type-change";

export interface ColumnContext {
  /** Is this canonical type (no array brackets) an enum? */
  readonly isEnum: (type: string) => boolean;
  /** Does this column type need a recreated enum (so the op waits for the recreate)? */
  readonly needsRecreatedEnum: (type: string) => boolean;
  /** Column whose default the enum recreate sets (its default is left out here). */
  readonly defaultSetByRecreate: (column: string) => boolean;
  /** Does this SQL (check, predicate) name a recreated enum, so it must be created after the recreate? */
  readonly mentionsRecreatedEnum: (sql: string) => boolean;
}

export interface ColumnDiff {
  readonly drops: DropColumnOp[];
  /** In the entities' column order; ops needing a recreated enum go to `deferred`. */
  readonly changes: Operation[];
  readonly deferred: Operation[];
  /** Columns whose type changes: foreign keys over them are rebuilt. */
  readonly retyped: Set<string>;
  readonly warnings: string[];
}

export function diffColumns(
  table: QualifiedName,
  before: readonly ColumnModel[],
  after: readonly ColumnModel[],
  ctx: ColumnContext,
): ColumnDiff {
  const beforeByName = new Map(before.map((c) => [c.name, c]));
  const afterNames = new Set(after.map((c) => c.name));
  const result: ColumnDiff = { drops: [], changes: [], deferred: [], retyped: new Set(), warnings: [] };
  const added: ColumnModel[] = [];

  for (const column of before) {
    if (afterNames.has(column.name)) continue;
    result.drops.push({
      kind: "dropColumn",
      table,
      column: column.name,
      definition: column,
      destructive: `drops column ${displayColumn(table, column.name)} and its data`,
    });
  }
  for (const column of after) {
    const old = beforeByName.get(column.name);
    if (!old) {
      added.push(column);
      const op: AddColumnOp = { kind: "addColumn", table, column };
      (ctx.needsRecreatedEnum(column.type) ? result.deferred : result.changes).push(op);
      if (!column.nullable && column.default === null && column.identity === null && !column.serial && column.generated === null) {
        result.warnings.push(`column ${displayColumn(table, column.name)} is added NOT NULL without a default: this fails if the table has rows`);
      }
      continue;
    }
    const alter = alterColumn(table, old, column, ctx);
    if (alter) {
      if (alter.type) result.retyped.add(column.name);
      (alter.type && ctx.needsRecreatedEnum(alter.type.to) ? result.deferred : result.changes).push(alter);
    }
    if (old.comment !== column.comment) {
      const op: SetColumnCommentOp = { kind: "setColumnComment", table, column: column.name, comment: { from: old.comment, to: column.comment } };
      result.changes.push(op);
    }
    if (old.serial !== column.serial) {
      result.warnings.push(
        `column ${displayColumn(table, column.name)} changes ${old.serial ? "from" : "to"} serial: its sequence is not changed by this revision; edit it by hand`,
      );
    }
  }
  result.warnings.push(...renameWarnings(table, result.drops, added));
  return result;
}

/**
 * A dropped and an added column of the same type may be one column renamed.
 * Each dropped column is paired with the first added column of its type not
 * yet paired (both in table order), so `keywords` -> `tags` is still seen
 * when another column of a different type is added alongside.
 */
function renameWarnings(table: QualifiedName, drops: readonly DropColumnOp[], added: readonly ColumnModel[]): string[] {
  const unpaired = [...added];
  const warnings: string[] = [];
  for (const dropped of drops) {
    const type = dropped.definition?.type;
    const at = unpaired.findIndex((column) => column.type === type);
    if (type === undefined || at < 0) continue;
    const [match] = unpaired.splice(at, 1);
    warnings.push(
      `column ${displayColumn(table, dropped.column)} dropped and ${displayColumn(table, match!.name)} added with the same type: ` +
        `if this is a rename, pass --rename-column ${hintTable(table)}.${dropped.column}:${match!.name}`,
    );
  }
  return warnings;
}

function alterColumn(table: QualifiedName, old: ColumnModel, next: ColumnModel, ctx: ColumnContext): AlterColumnOp | null {
  const changes: { -readonly [K in keyof AlterColumnOp]?: AlterColumnOp[K] } = {};
  let destructive: string | undefined;
  if (old.type !== next.type) {
    const isEnum = (type: string): boolean => ctx.isEnum(type);
    changes.type = {
      from: old.type,
      to: next.type,
      ...(needsUsing(old.type, next.type, isEnum) ? { using: usingCast(next.name, old.type, next.type, isEnum) } : {}),
      ...(needsUsing(next.type, old.type, isEnum) ? { reverseUsing: usingCast(next.name, next.type, old.type, isEnum) } : {}),
    };
    if (!isWidening(old.type, next.type)) {
      destructive = `changes ${displayColumn(table, next.name)} from ${old.type} to ${next.type}: values that do not fit are cut or rejected`;
    }
  }
  if (old.nullable !== next.nullable) changes.nullable = { from: old.nullable, to: next.nullable };
  if (old.default !== next.default && !ctx.defaultSetByRecreate(next.name)) changes.default = { from: old.default, to: next.default };
  if (old.identity !== next.identity) changes.identity = { from: old.identity, to: next.identity };
  if (old.generated !== next.generated) changes.generated = { from: old.generated, to: next.generated };
  if (old.collation !== next.collation) changes.collation = { from: old.collation, to: next.collation };
  if (Object.keys(changes).length === 0) return null;
  return { kind: "alterColumn", table, column: next.name, ...changes, ...(destructive ? { destructive } : {}) };
}
