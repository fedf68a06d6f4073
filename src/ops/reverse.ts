/**
 * The inverse of each operation, exact where the op carries its before-state
 * (drops carry the dropped definition, alterations their `from` values), and
 * `{ irreversible, reason }` otherwise. reverse(reverse(op)) equals op for
 * every reversible op in canonical form (see enumValueInsertion).
 */
import type { DialectTypes } from "../model/dialect-types";
import { displayIdent, displayQualified } from "../model/names";
import type { QualifiedName } from "../model/types";
import { COLUMN_PROPERTY_KEYS, ColumnChangesBuilder, reverseChange } from "./column-properties";
import { makeOp } from "./make-op";
import {
  assertNever,
  type AlterColumnOp,
  type Change,
  type EnumUsage,
  type Operation,
  type RecreateEnumOp,
  type TypeormMetadataRow,
} from "./types";

export interface Irreversible {
  readonly irreversible: true;
  readonly reason: string;
  /** The op changes nothing a downgrade must restore (validating a constraint): `reason` says why. */
  readonly nothingToUndo?: true;
}

export function isIrreversible(value: Operation | Irreversible): value is Irreversible {
  return "irreversible" in value;
}

function irreversible(reason: string): Irreversible {
  return Object.freeze({ irreversible: true, reason });
}

function name(ref: QualifiedName): QualifiedName {
  return Object.freeze({ schema: ref.schema, name: ref.name });
}

/** `types` judge whether a reversed type change narrows (see ops/loss.ts). */
export function reverse(op: Operation, types: DialectTypes): Operation | Irreversible {
  const done = <T extends Operation>(back: T): T => makeOp(back, types);
  switch (op.kind) {
    case "createSchema":
      return done({ kind: "dropSchema", schema: op.schema, ifExists: op.ifNotExists });
    case "dropSchema":
      if (op.cascade === true) return irreversible(`schema ${displayIdent(op.schema)} was dropped with CASCADE; what it held is not recorded`);
      return done({ kind: "createSchema", schema: op.schema, ifNotExists: op.ifExists });
    case "createExtension":
      return done({ kind: "dropExtension", extension: op.extension, ifExists: op.ifNotExists });
    case "dropExtension":
      return done({ kind: "createExtension", extension: op.extension, ifNotExists: op.ifExists });
    case "createEnum":
      return done({ kind: "dropEnum", enum: op.enum });
    case "dropEnum":
      if (op.enum.values.length === 0) return irreversible(`the values of dropped enum ${displayQualified(op.enum)} are not recorded`);
      return done({ kind: "createEnum", enum: op.enum });
    case "addEnumValue": {
      if (op.previousValues === undefined || op.usages === undefined) {
        return irreversible(`PostgreSQL cannot remove an enum value; removing ${JSON.stringify(op.value)} from ${displayQualified(op.enum)} needs its previous values and using columns`);
      }
      const values = insertValue(op.previousValues, op.value, op.before, op.after);
      return done({ kind: "recreateEnum", enum: op.enum, values: op.previousValues, previousValues: values, usages: op.usages });
    }
    case "renameEnumValue":
      return done({ kind: "renameEnumValue", enum: op.enum, from: op.to, to: op.from });
    case "renameEnum":
      return done({ kind: "renameEnum", enum: name({ schema: op.enum.schema, name: op.to }), to: op.enum.name });
    case "recreateEnum":
      return reverseRecreateEnum(op, types);
    case "createTable":
      return done({ kind: "dropTable", table: name(op.table), definition: op.table });
    case "dropTable":
      if (op.definition === undefined) return irreversible(`the definition of dropped table ${displayQualified(op.table)} is not recorded`);
      if (op.cascade === true) return irreversible(`table ${displayQualified(op.table)} was dropped with CASCADE; the dependent objects are not recorded`);
      return done({ kind: "createTable", table: op.definition });
    case "renameTable":
      return done({ kind: "renameTable", table: name({ schema: op.table.schema, name: op.to }), to: op.table.name });
    case "addColumn":
      return done({ kind: "dropColumn", table: op.table, column: op.column.name, definition: op.column, position: op.position });
    case "dropColumn":
      if (op.definition === undefined) return irreversible(`the definition of dropped column ${displayQualified(op.table)}.${displayIdent(op.column)} is not recorded`);
      return done({ kind: "addColumn", table: op.table, column: op.definition, position: op.position });
    case "renameColumn":
      return done({ kind: "renameColumn", table: op.table, column: op.to, to: op.column });
    case "alterColumn":
      return reverseAlterColumn(op, types);
    case "createIndex":
      return done({ kind: "dropIndex", table: op.table, name: op.index.name, definition: op.index, concurrently: op.concurrently, ifExists: op.ifNotExists });
    case "dropIndex":
      if (op.definition === undefined) return irreversible(`the definition of dropped index ${displayQualified({ schema: op.table.schema, name: op.name })} is not recorded`);
      return done({ kind: "createIndex", table: op.table, index: op.definition, concurrently: op.concurrently, ifNotExists: op.ifExists });
    case "createPrimaryKey":
      return done({ kind: "dropConstraint", table: op.table, name: op.primaryKey.name, definition: { type: "primaryKey", primaryKey: op.primaryKey } });
    case "createUniqueConstraint":
      return done({ kind: "dropConstraint", table: op.table, name: op.unique.name, definition: { type: "unique", unique: op.unique } });
    case "createForeignKey":
      return done({ kind: "dropConstraint", table: op.table, name: op.foreignKey.name, definition: { type: "foreignKey", foreignKey: op.foreignKey } });
    case "createCheckConstraint":
      return done({ kind: "dropConstraint", table: op.table, name: op.check.name, definition: { type: "check", check: op.check } });
    case "createExclusionConstraint":
      return done({ kind: "dropConstraint", table: op.table, name: op.exclusion.name, definition: { type: "exclusion", exclusion: op.exclusion } });
    case "validateConstraint":
      return Object.freeze({
        irreversible: true,
        nothingToUndo: true,
        reason: `validating ${displayIdent(op.name)} on ${displayQualified(op.table)} changes no definition`,
      });
    case "dropConstraint": {
      const d = op.definition;
      if (d === undefined) return irreversible(`the definition of dropped constraint ${displayIdent(op.name)} on ${displayQualified(op.table)} is not recorded`);
      switch (d.type) {
        case "primaryKey":
          return done({ kind: "createPrimaryKey", table: op.table, primaryKey: d.primaryKey });
        case "unique":
          return done({ kind: "createUniqueConstraint", table: op.table, unique: d.unique });
        case "foreignKey":
          return done({ kind: "createForeignKey", table: op.table, foreignKey: d.foreignKey });
        case "check":
          return done({ kind: "createCheckConstraint", table: op.table, check: d.check });
        case "exclusion":
          return done({ kind: "createExclusionConstraint", table: op.table, exclusion: d.exclusion });
        default:
          return assertNever(d);
      }
    }
    case "renameConstraint":
      return done({ kind: "renameConstraint", table: op.table, name: op.to, to: op.name });
    case "renameIndex":
      return done({ kind: "renameIndex", table: op.table, name: op.to, to: op.name });
    case "renameSequence":
      return done({ kind: "renameSequence", sequence: name({ schema: op.sequence.schema, name: op.to }), to: op.sequence.name });
    case "setTableComment": {
      const back = swap(op.comment);
      if (back === undefined) return irreversible(`the previous comment of table ${displayQualified(op.table)} is not recorded`);
      return done({ kind: "setTableComment", table: op.table, comment: back });
    }
    case "setColumnComment": {
      const back = swap(op.comment);
      if (back === undefined) return irreversible(`the previous comment of column ${displayQualified(op.table)}.${displayIdent(op.column)} is not recorded`);
      return done({ kind: "setColumnComment", table: op.table, column: op.column, comment: back });
    }
    case "createView":
      if (op.orReplace === true) return irreversible(`view ${displayQualified(op.view)} was created with OR REPLACE; the definition it replaced is not recorded`);
      return done({ kind: "dropView", view: name(op.view), materialized: op.view.materialized, definition: op.view });
    case "dropView":
      if (op.definition === undefined) return irreversible(`the definition of dropped view ${displayQualified(op.view)} is not recorded`);
      return done({ kind: "createView", view: op.definition });
    case "execute":
      return irreversible("raw SQL (op.execute) has no known reverse");
    case "bulkInsert":
      return irreversible(`inserted rows in ${displayQualified(op.table)} have no known reverse`);
    case "backfill":
      return irreversible(`the values a backfill of ${displayQualified(op.table)} replaced are not recorded`);
    case "insertTypeormMetadata":
      return done({ kind: "deleteTypeormMetadata", metadataTable: op.metadataTable, rows: op.rows });
    case "deleteTypeormMetadata": {
      const rows = op.rows.filter((row): row is TypeormMetadataRow & { readonly value: string } => row.value !== undefined);
      if (rows.length < op.rows.length) return irreversible(`the values of rows deleted from ${displayQualified(op.metadataTable)} are not recorded`);
      return done({ kind: "insertTypeormMetadata", metadataTable: op.metadataTable, rows });
    }
    default:
      return assertNever(op);
  }
}

function swap<T>(c: Change<T>): Change<T> | undefined {
  return c.from === undefined ? undefined : { from: c.to, to: c.from };
}

function reverseAlterColumn(op: AlterColumnOp, types: DialectTypes): Operation | Irreversible {
  const missing = COLUMN_PROPERTY_KEYS.filter((key) => op[key] !== undefined && op[key].from === undefined);
  if (missing.length > 0) {
    return irreversible(`alterColumn ${displayQualified(op.table)}.${displayIdent(op.column)} does not record the previous ${missing.join(", ")} (pass existing* values)`);
  }
  const back = new ColumnChangesBuilder();
  for (const key of COLUMN_PROPERTY_KEYS) {
    const change = op[key];
    if (change !== undefined) back.set(key, reverseChange(key, change));
  }
  return makeOp({ kind: "alterColumn", table: op.table, column: op.column, ...back.build() }, types);
}

/** The value list with `value` placed as ADD VALUE would place it. */
export function insertValue(values: readonly string[], value: string, before?: string, after?: string): string[] {
  const out = [...values];
  const anchor = before ?? after;
  const at = anchor === undefined ? -1 : out.indexOf(anchor);
  if (at === -1) out.push(value);
  else out.splice(before !== undefined ? at : at + 1, 0, value);
  return out;
}

/**
 * When `values` is `previous` plus one value, the position as ADD VALUE
 * writes it (canonical: none when last, else BEFORE its successor).
 */
export function enumValueInsertion(previous: readonly string[], values: readonly string[]): { value: string; before?: string } | undefined {
  if (values.length !== previous.length + 1) return undefined;
  for (let i = 0; i < values.length; i += 1) {
    const rest = [...values.slice(0, i), ...values.slice(i + 1)];
    if (rest.every((v, j) => v === previous[j]) && !previous.includes(values[i]!)) {
      return i === values.length - 1 ? { value: values[i]! } : { value: values[i]!, before: values[i + 1]! };
    }
  }
  return undefined;
}

function effectiveDefault(u: EnumUsage): string | null {
  return u.newDefault === undefined ? u.default : u.newDefault;
}

function reverseRecreateEnum(op: RecreateEnumOp, types: DialectTypes): Operation {
  const done = <T extends Operation>(back: T): T => makeOp(back, types);
  // Re-adding a single value is an ADD VALUE (no table rewrite) when no default changes.
  const added = enumValueInsertion(op.values, op.previousValues);
  if (added !== undefined && op.usages.every((u) => u.newDefault === undefined)) {
    return done({ kind: "addEnumValue", enum: op.enum, value: added.value, before: added.before, previousValues: op.values, usages: op.usages });
  }
  const usages = op.usages.map((u): EnumUsage => {
    const before = effectiveDefault(u);
    const base = { table: u.table, column: u.column, array: u.array, default: before };
    return before === u.default ? base : { ...base, newDefault: u.default };
  });
  return done({ kind: "recreateEnum", enum: op.enum, values: op.previousValues, previousValues: op.values, usages });
}
