/**
 * The lock-friendly forms of the differ's ops, split in two phases that
 * autogenerate writes as two revisions:
 *
 *   - `locking`: every op as the differ made it, minus the ones below; one
 *     transaction, as today.
 *   - `online`: a `transactional = false` revision, each statement its own
 *     transaction, holding only short or non-blocking locks:
 *       index              createIndex CONCURRENTLY
 *       foreign key, check add NOT VALID, then validateConstraint
 *       unique constraint  unique index CONCURRENTLY, then add UNIQUE USING INDEX
 *       SET NOT NULL       check `col IS NOT NULL` NOT VALID, validate, SET NOT NULL
 *                          (PostgreSQL 12+ proves it from the check: no scan), drop the check
 *
 * Only objects of a table that exists before the revision move: a table
 * created by the same revision is empty and its plain forms cost nothing.
 * Indexes move under `online`, or when the entity asks (`@Index({ concurrent: true })`);
 * the rest only under `online`. A unique constraint (or unique index) that a
 * foreign key staying in the locking phase references stays too, as that
 * key needs it first. Each moved op's downgrade is still its exact reverse:
 * phase two's downgrade drops what it added, the validations have nothing to undo.
 */
import type { DialectTypes } from "../model/dialect-types";
import { qualifiedKey, type CheckModel, type IndexModel, type QualifiedName } from "../model/types";
import { makeOp } from "../ops/make-op";
import type { AlterColumnOp, Operation } from "../ops/types";

export interface OnlineOptions {
  /** The config's `online`: every index, constraint and SET NOT NULL on an existing table in its online form. */
  readonly online: boolean;
  /** Indexes the entities declare `concurrent`, by qualifiedKey of (table schema, index name). */
  readonly concurrentIndexes: ReadonlySet<string>;
}

export interface OnlinePhases {
  readonly locking: readonly Operation[];
  /** Empty when nothing has an online form. */
  readonly online: readonly Operation[];
}

export function onlinePhases(ops: readonly Operation[], options: OnlineOptions, types: DialectTypes): OnlinePhases {
  const created = new Set(ops.flatMap((op) => (op.kind === "createTable" ? [qualifiedKey(op.table)] : [])));
  const existing = (table: QualifiedName): boolean => !created.has(qualifiedKey(table));
  const referenced = keysReferencedInPlace(ops, existing, options.online);
  const make = <T extends Operation>(op: T): T => makeOp(op, types);
  const locking: Operation[] = [];
  const online: Operation[] = [];
  for (const op of ops) {
    if (op.kind === "createIndex" && existing(op.table) && op.concurrently !== true && !referencedBy(referenced, op.table, op.index)) {
      if (options.online || options.concurrentIndexes.has(qualifiedKey({ schema: op.table.schema, name: op.index.name }))) {
        online.push(make({ ...op, concurrently: true }));
        continue;
      }
    }
    if (!options.online || !("table" in op) || !existing(op.table)) {
      locking.push(op);
      continue;
    }
    switch (op.kind) {
      case "createForeignKey":
        online.push(make({ ...op, notValid: true }), make({ kind: "validateConstraint", table: op.table, name: op.foreignKey.name }));
        break;
      case "createCheckConstraint":
        online.push(make({ ...op, notValid: true }), make({ kind: "validateConstraint", table: op.table, name: op.check.name }));
        break;
      case "createUniqueConstraint":
        if (op.usingIndex !== undefined || referenced.has(uniqueKey(op.table, op.unique.columns))) {
          locking.push(op);
          break;
        }
        online.push(
          make({ kind: "createIndex", table: op.table, index: uniqueIndex(op.unique.name, op.unique.columns), concurrently: true }),
          make({ ...op, usingIndex: op.unique.name }),
        );
        break;
      case "alterColumn":
        if (op.nullable?.to === false && op.nullable.from === true) {
          const { nullable, ...rest } = op;
          if (Object.keys(rest).some((key) => key !== "kind" && key !== "table" && key !== "column")) locking.push(make(rest));
          online.push(...setNotNullOnline(op, nullable, types));
        } else {
          locking.push(op);
        }
        break;
      default:
        locking.push(op);
    }
  }
  return { locking, online };
}

/** What a unique constraint's own index is: btree on its columns, named as it. */
function uniqueIndex(name: string, columns: readonly string[]): IndexModel {
  return { name, unique: true, method: "btree", keys: columns.map((column) => ({ column })), where: null, include: [] };
}

function uniqueKey(table: QualifiedName, columns: readonly string[]): string {
  return JSON.stringify([qualifiedKey(table), [...columns].sort()]);
}

function referencedBy(referenced: ReadonlySet<string>, table: QualifiedName, index: IndexModel): boolean {
  if (!index.unique || index.where !== null) return false;
  const columns = index.keys.flatMap((key) => ("column" in key ? [key.column] : []));
  return columns.length === index.keys.length && referenced.has(uniqueKey(table, columns));
}

/** The keys (table, columns) referenced by foreign keys that stay in the locking phase. */
function keysReferencedInPlace(ops: readonly Operation[], existing: (table: QualifiedName) => boolean, online: boolean): Set<string> {
  const keys = new Set<string>();
  for (const op of ops) {
    const foreignKeys =
      op.kind === "createTable" ? op.table.foreignKeys : op.kind === "createForeignKey" && !(online && existing(op.table)) ? [op.foreignKey] : [];
    for (const fk of foreignKeys) keys.add(uniqueKey(fk.referencedTable, fk.referencedColumns));
  }
  return keys;
}

/**
 * SET NOT NULL without a scan under ACCESS EXCLUSIVE: PostgreSQL 12+ skips the
 * scan when a valid check constraint proves the column has no NULL.
 */
function setNotNullOnline(op: AlterColumnOp, nullable: NonNullable<AlterColumnOp["nullable"]>, types: DialectTypes): Operation[] {
  const check: CheckModel = { name: notNullCheckName(op.table, op.column, types), expression: `${types.printIdentifier(op.column)} IS NOT NULL` };
  return [
    makeOp({ kind: "createCheckConstraint", table: op.table, check, notValid: true }, types),
    makeOp({ kind: "validateConstraint", table: op.table, name: check.name }, types),
    makeOp({ kind: "alterColumn", table: op.table, column: op.column, nullable }, types),
    makeOp({ kind: "dropConstraint", table: op.table, name: check.name, definition: { type: "check", check } }, types),
  ];
}

/** `<table>_<column>_not_null`, shortened to the database's identifier limit. */
function notNullCheckName(table: QualifiedName, column: string, types: DialectTypes): string {
  let name = `${table.name}_${column}_not_null`;
  while (types.overlongIdentifier(name) !== undefined) name = name.slice(0, -1 - "_not_null".length) + "_not_null";
  return name;
}
