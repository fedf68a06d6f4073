/** Column-level changes of one table present on both sides. */
import type { DialectTypes } from "../model/dialect-types";
import { displayColumn } from "../model/names";
import type { ColumnModel, QualifiedName } from "../model/types";
import { COLUMN_PROPERTIES, COLUMN_PROPERTY_KEYS, ColumnChangesBuilder } from "../ops/column-properties";
import type { AddColumnOp, AlterColumnOp, ColumnPosition, DropColumnOp, Operation, SetColumnCommentOp } from "../ops/types";
import { hintTable } from "./names";

export interface ColumnContext {
  /** The database's type rules: which type changes need a USING conversion. */
  readonly types: DialectTypes;
  /** Is this canonical type (no array brackets) an enum? */
  readonly isEnum: (type: string) => boolean;
  /** Does this column type need a recreated enum (so the op waits for the recreate)? */
  readonly needsRecreatedEnum: (type: string) => boolean;
  /** Column whose default the enum recreate sets (its default is left out here). */
  readonly defaultSetByRecreate: (column: string) => boolean;
  /** Does this SQL (check, predicate) name a recreated enum, so it must be created after the recreate? */
  readonly mentionsRecreatedEnum: (sql: string) => boolean;
  /** Dropped columns record where they stood, for the reverse (see DiffOptions.columnPositions). */
  readonly columnPositions?: boolean;
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

  // generated columns first, the later first: the server refuses to drop a column a generated one still reads
  const dropped = before.filter((column) => !afterNames.has(column.name));
  // a generated column whose expression moves off a column dropped or retyped here is dropped with the drops and
  // added again: altered after them, it would still read that column when it goes or changes (MySQL refuses both)
  const afterByName = new Map(after.map((c) => [c.name, c]));
  const touched = before.filter((c) => !afterNames.has(c.name) || afterByName.get(c.name)!.type !== c.type);
  const rebuilt = new Set(
    before
      .filter((old) => old.generated !== null && afterNames.has(old.name) && touched.some((other) => other !== old && reads(old.generated!, other.name)))
      .filter((old) => afterByName.get(old.name)!.generated !== old.generated)
      .map((old) => old.name),
  );
  const goes = [...dropped, ...before.filter((c) => rebuilt.has(c.name))];
  const generatedFirst = [...goes.filter((c) => c.generated !== null).reverse(), ...goes.filter((c) => c.generated === null)];
  const positions = ctx.columnPositions === true ? restorePositions(before, generatedFirst) : undefined;
  for (const column of generatedFirst) {
    result.drops.push({ kind: "dropColumn", table, column: column.name, definition: column, position: positions?.get(column.name) });
  }
  for (const column of after) {
    const old = rebuilt.has(column.name) ? undefined : beforeByName.get(column.name);
    if (!old) {
      // No position: TypeORM's synchronize appends a column it adds to an existing table (ADD COLUMN
      // without AFTER), and the upgrade is to build what synchronize builds. Only a drop's reverse is placed.
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
    const comment = COLUMN_PROPERTIES.comment.compare(old, column);
    if (comment !== undefined) {
      const op: SetColumnCommentOp = { kind: "setColumnComment", table, column: column.name, comment };
      result.changes.push(op);
    }
    if (old.serial !== column.serial) {
      result.warnings.push(
        `column ${displayColumn(table, column.name)} changes ${old.serial ? "from" : "to"} serial: its sequence is not changed by this revision; edit it by hand`,
      );
    }
  }
  result.warnings.push(...renameWarnings(table, result.drops.filter((d) => !rebuilt.has(d.column)), added.filter((c) => !rebuilt.has(c.name))));
  return result;
}

/**
 * Where the downgrade puts each dropped column back. It adds them back in
 * the reverse order of the drops (generated columns are dropped first, so
 * they come back last); each goes after the nearest column before it (in
 * the database's column order, as introspection reads it) that stands when
 * it is added, or first when none does, so the table ends as it was, and
 * every AFTER names a column that exists then: columns the revision keeps
 * are never dropped or renamed by the reverses that run before the restores
 * (renames are undone after them, so a renamed column is named here as the
 * revision leaves it), and a generated column rebuilt by the revision is
 * dropped again before them.
 */
function restorePositions(before: readonly ColumnModel[], drops: readonly ColumnModel[]): Map<string, ColumnPosition> {
  // the downgrade adds the dropped columns back in the reverse order of the drops: follow it, placing each after the
  // nearest column before it (in the table as it was) that stands at that moment, or first
  const dropping = new Set(drops.map((column) => column.name));
  const standing = new Set(before.filter((column) => !dropping.has(column.name)).map((column) => column.name));
  const positions = new Map<string, ColumnPosition>();
  for (const column of [...drops].reverse()) {
    const at = before.indexOf(column);
    let position: ColumnPosition = { first: true };
    for (let i = at - 1; i >= 0; i -= 1) {
      if (standing.has(before[i]!.name)) {
        position = { after: before[i]!.name };
        break;
      }
    }
    positions.set(column.name, position);
    standing.add(column.name);
  }
  return positions;
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

/** The properties that changed (see ops/column-properties.ts); a comment change is an op of its own. */
function alterColumn(table: QualifiedName, old: ColumnModel, next: ColumnModel, ctx: ColumnContext): AlterColumnOp | null {
  const changes = new ColumnChangesBuilder();
  for (const key of COLUMN_PROPERTY_KEYS) {
    const rule = COLUMN_PROPERTIES[key];
    if (rule.differAs !== "alterColumn") continue;
    // the enum recreate sets this default itself
    if (key === "default" && ctx.defaultSetByRecreate(next.name)) continue;
    changes.set(key, rule.compare(old, next));
  }
  const type = changes.build().type;
  if (type !== undefined) changes.set("type", { ...type, ...usingCasts(next.name, old.type, next.type, ctx) });
  if (changes.empty) return null;
  return { kind: "alterColumn", table, column: next.name, ...changes.build() };
}

/** The USING conversion each way, where the database has no assignment cast. */
function usingCasts(column: string, from: string, to: string, ctx: ColumnContext): { using?: string; reverseUsing?: string } {
  const { types, isEnum } = ctx;
  return {
    ...(types.needsUsing(from, to, isEnum) ? { using: types.usingCast(column, from, to, isEnum) } : {}),
    ...(types.needsUsing(to, from, isEnum) ? { reverseUsing: types.usingCast(column, to, from, isEnum) } : {}),
  };
}

/** Does a generated expression read this column (by its name, bare or quoted)? */
function reads(expression: string, column: string): boolean {
  const name = column.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[^\\w$])[\`"]?${name}[\`"]?(?![\\w$])`).test(expression);
}
