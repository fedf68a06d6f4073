/**
 * One operation as one `await op.method(...)` call, in the signatures of the
 * `Operations` class. Running the call builds the operation again, except
 * that an upgrade leaves out before-state only the reverse needs (see
 * RenderStyle), and types and defaults are spelled as people write them.
 * Nothing that equals the API's default is written.
 */
import { DEFAULT_SCHEMA, type QualifiedName } from "../model/types";
import { TYPEORM_METADATA_TABLE } from "../ops/typeorm-metadata-rows";
import type { ColumnPosition, Operation, TypeormMetadataRow } from "../ops/types";
import { assertNever } from "../ops/types";
import { alterColumnEntries } from "./alter-column";
import { backfillDoc } from "./backfill";
import { call, list, text, type CallDoc, type Doc } from "./doc";
import { changed, nullableDoc, type Entries, type RenderStyle } from "./entries";
import {
  columnDoc,
  constraintDefinitionDoc,
  deferrableEntries,
  foreignKeyOptionEntries,
  indexKeysDoc,
  indexOptionEntries,
  indexSpecDoc,
  optionalBoolean,
  referenceDoc,
  refDoc,
  tableOptionsDoc,
  usageDoc,
} from "./specs";
import { objectDoc, stringDoc, stringsDoc, valueDoc } from "./value";

/** `await op.method(args..., options)`, leaving out an options object with nothing in it. */
function opCall(method: string, args: readonly Doc[], options: Entries = []): CallDoc {
  const rest = options.filter(([, doc]) => doc !== undefined);
  return call(`await op.${method}`, rest.length === 0 ? args : [...args, objectDoc(rest)]);
}

/** The metadata table, unless it is TypeORM's default `typeorm_metadata` in the default schema. */
function metadataTableDoc(table: QualifiedName): Doc | undefined {
  return table.schema === DEFAULT_SCHEMA && table.name === TYPEORM_METADATA_TABLE ? undefined : refDoc(table);
}

function metadataRowDoc(row: TypeormMetadataRow, withValue: boolean): Doc {
  return objectDoc([
    ["type", stringDoc(row.type)],
    ["schema", stringDoc(row.schema)],
    ["table", changed(row.table, stringDoc)],
    ["name", stringDoc(row.name)],
    ["value", withValue ? changed(row.value, stringDoc) : undefined],
  ]);
}

/** `{ after: "email" }` or `{ first: true }`; nothing when the column goes last. */
function positionEntries(position: ColumnPosition | undefined): Entries {
  if (position === undefined) return [];
  return "first" in position ? [["first", text("true")]] : [["after", stringDoc(position.after)]];
}

export function operationDoc(op: Operation, style: RenderStyle): CallDoc {
  const { spelling } = style;
  /** Before-state: written only in the style that keeps it. */
  const before = <T>(value: T | undefined, doc: (value: T) => Doc): Doc | undefined => (style.beforeState ? changed(value, doc) : undefined);
  switch (op.kind) {
    case "createSchema":
      return opCall("createSchema", [stringDoc(op.schema)], [["ifNotExists", optionalBoolean(op.ifNotExists)]]);
    case "dropSchema":
      return opCall("dropSchema", [stringDoc(op.schema)], [["cascade", optionalBoolean(op.cascade)], ["ifExists", optionalBoolean(op.ifExists)]]);
    case "createExtension":
    case "dropExtension": {
      const schema = op.extension.schema === null ? undefined : stringDoc(op.extension.schema);
      const flag: [string, Doc | undefined] = op.kind === "createExtension" ? ["ifNotExists", optionalBoolean(op.ifNotExists)] : ["ifExists", optionalBoolean(op.ifExists)];
      return opCall(op.kind, [stringDoc(op.extension.name)], [["schema", schema], flag]);
    }
    case "createEnum":
      return opCall("createEnum", [refDoc(op.enum), stringsDoc(op.enum.values)]);
    case "dropEnum":
      return opCall("dropEnum", [refDoc(op.enum)], [["values", op.enum.values.length === 0 ? undefined : before(op.enum.values, stringsDoc)]]);
    case "addEnumValue":
      return opCall("addEnumValue", [refDoc(op.enum), stringDoc(op.value)], [
        ["before", changed(op.before, stringDoc)],
        ["after", changed(op.after, stringDoc)],
        ["existingValues", before(op.previousValues, stringsDoc)],
        ["usages", before(op.usages, (usages) => list("[", usages.map((u) => usageDoc(u, spelling.enumType(op.enum), spelling))))],
      ]);
    case "renameEnumValue":
      return opCall("renameEnumValue", [refDoc(op.enum), stringDoc(op.from), stringDoc(op.to)]);
    case "renameEnum":
      return opCall("renameEnum", [refDoc(op.enum), stringDoc(op.to)]);
    case "recreateEnum":
      return opCall("recreateEnum", [refDoc(op.enum), stringsDoc(op.values)], [
        ["existingValues", stringsDoc(op.previousValues)],
        ["usages", op.usages.length === 0 ? undefined : list("[", op.usages.map((u) => usageDoc(u, spelling.enumType(op.enum), spelling)))],
      ]);
    case "createTable":
      return call("await op.createTable", [refDoc(op.table), tableOptionsDoc(op.table, spelling)]);
    case "dropTable":
      return opCall("dropTable", [refDoc(op.table)], [
        ["cascade", optionalBoolean(op.cascade)],
        ["definition", before(op.definition, (table) => tableOptionsDoc(table, spelling))],
      ]);
    case "renameTable":
      return opCall("renameTable", [refDoc(op.table), stringDoc(op.to)]);
    case "addColumn":
      return opCall("addColumn", [refDoc(op.table), columnDoc(op.column, spelling)], positionEntries(op.position));
    case "dropColumn":
      return opCall("dropColumn", [refDoc(op.table), stringDoc(op.column)], [
        ["existing", before(op.definition, (column) => columnDoc(column, spelling))],
        ["existingPosition", before(op.position, (position) => objectDoc(positionEntries(position)))],
      ]);
    case "renameColumn":
      return opCall("renameColumn", [refDoc(op.table), stringDoc(op.column), stringDoc(op.to)]);
    case "alterColumn":
      return opCall("alterColumn", [refDoc(op.table), stringDoc(op.column)], alterColumnEntries(op, style));
    case "createIndex":
      return opCall("createIndex", [refDoc(op.table), stringDoc(op.index.name), indexKeysDoc(op.index.keys)], [
        ...indexOptionEntries(op.index),
        ["concurrently", optionalBoolean(op.concurrently)],
        ["ifNotExists", optionalBoolean(op.ifNotExists)],
      ]);
    case "dropIndex":
      return opCall("dropIndex", [refDoc(op.table), stringDoc(op.name)], [
        ["concurrently", optionalBoolean(op.concurrently)],
        ["ifExists", optionalBoolean(op.ifExists)],
        ["definition", before(op.definition, (index) => indexSpecDoc(index, false))],
      ]);
    case "createPrimaryKey":
      return opCall("createPrimaryKey", [refDoc(op.table), stringDoc(op.primaryKey.name), stringsDoc(op.primaryKey.columns)]);
    case "createUniqueConstraint":
      return opCall("createUniqueConstraint", [refDoc(op.table), stringDoc(op.unique.name), stringsDoc(op.unique.columns)], [
        ...deferrableEntries(op.unique),
        ["usingIndex", changed(op.usingIndex, stringDoc)],
      ]);
    case "createForeignKey": {
      const fk = op.foreignKey;
      const args = [refDoc(op.table), stringDoc(fk.name), stringsDoc(fk.columns), referenceDoc(op.table, fk.referencedTable), stringsDoc(fk.referencedColumns)];
      return opCall("createForeignKey", args, [...foreignKeyOptionEntries(fk), ["notValid", optionalBoolean(op.notValid)]]);
    }
    case "createCheckConstraint":
      return opCall("createCheckConstraint", [refDoc(op.table), stringDoc(op.check.name), stringDoc(op.check.expression)], [
        ["notValid", optionalBoolean(op.notValid)],
      ]);
    case "validateConstraint":
      return opCall("validateConstraint", [refDoc(op.table), stringDoc(op.name)]);
    case "createExclusionConstraint":
      return opCall("createExclusionConstraint", [refDoc(op.table), stringDoc(op.exclusion.name), stringDoc(op.exclusion.definition)]);
    case "dropConstraint":
      return opCall("dropConstraint", [refDoc(op.table), stringDoc(op.name)], [["definition", before(op.definition, (definition) => constraintDefinitionDoc(op.table, op.name, definition))]]);
    case "renameConstraint":
      return opCall("renameConstraint", [refDoc(op.table), stringDoc(op.name), stringDoc(op.to)]);
    case "renameIndex":
      return opCall("renameIndex", [refDoc(op.table), stringDoc(op.name), stringDoc(op.to)]);
    case "renameSequence":
      return opCall("renameSequence", [refDoc(op.sequence), stringDoc(op.to)]);
    case "setTableComment":
      return opCall("setTableComment", [refDoc(op.table), nullableDoc(op.comment.to)], [["existingComment", before(op.comment.from, nullableDoc)]]);
    case "setColumnComment":
      return opCall("setColumnComment", [refDoc(op.table), stringDoc(op.column), nullableDoc(op.comment.to)], [
        ["existingComment", before(op.comment.from, nullableDoc)],
      ]);
    case "createView":
      return opCall("createView", [refDoc(op.view), stringDoc(op.view.definition)], [
        ["materialized", op.view.materialized ? text("true") : undefined],
        ["orReplace", optionalBoolean(op.orReplace)],
        ["indexes", op.view.indexes.length === 0 ? undefined : list("[", op.view.indexes.map((index) => indexSpecDoc(index, true)))],
      ]);
    case "dropView": {
      const indexes = op.definition?.indexes ?? [];
      return opCall("dropView", [refDoc(op.view)], [
        ["materialized", op.materialized ? text("true") : undefined],
        ["definition", before(op.definition?.definition, stringDoc)],
        ["indexes", indexes.length === 0 ? undefined : before(indexes, (all) => list("[", all.map((index) => indexSpecDoc(index, true))))],
      ]);
    }
    case "execute":
      return call("await op.execute", op.params === undefined ? [stringDoc(op.sql)] : [stringDoc(op.sql), valueDoc(op.params)]);
    case "bulkInsert":
      return call("await op.bulkInsert", [refDoc(op.table), valueDoc(op.rows)]);
    case "backfill":
      return backfillDoc(op);
    case "insertTypeormMetadata":
      return opCall(op.kind, [list("[", op.rows.map((row) => metadataRowDoc(row, true)))], [["table", metadataTableDoc(op.metadataTable)]]);
    case "deleteTypeormMetadata":
      // what a deleted row held is before-state: only the downgrade's reverse reads it
      return opCall(op.kind, [list("[", op.rows.map((row) => metadataRowDoc(row, style.beforeState)))], [["table", metadataTableDoc(op.metadataTable)]]);
    default:
      return assertNever(op);
  }
}
