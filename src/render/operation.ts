/**
 * One operation as one `await op.method(...)` call, in the signatures of the
 * `Operations` class. Running the call builds the same operation again: every
 * field the op carries is written, and nothing that equals the API's default.
 */
import type { AlterColumnOp, Operation } from "../ops/types";
import { assertNever } from "../ops/types";
import { call, list, text, type CallDoc, type Doc } from "./doc";
import {
  columnDoc,
  constraintDefinitionDoc,
  deferrableEntries,
  foreignKeyOptionEntries,
  indexKeysDoc,
  indexOptionEntries,
  indexSpecDoc,
  optionalBoolean,
  refDoc,
  tableOptionsDoc,
  usageDoc,
} from "./specs";
import { objectDoc, stringDoc, stringsDoc, valueDoc } from "./value";

type Entries = [string, Doc | undefined][];

/** `await op.method(args..., options)`, leaving out an options object with nothing in it. */
function opCall(method: string, args: readonly Doc[], options: Entries = []): CallDoc {
  const rest = options.filter(([, doc]) => doc !== undefined);
  return call(`await op.${method}`, rest.length === 0 ? args : [...args, objectDoc(rest)]);
}

function nullableDoc(value: string | null): Doc {
  return value === null ? text("null") : stringDoc(value);
}

function changed<T>(value: T | undefined, doc: (value: T) => Doc): Doc | undefined {
  return value === undefined ? undefined : doc(value);
}

export function operationDoc(op: Operation): CallDoc {
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
      return opCall("dropEnum", [refDoc(op.enum)], [["values", op.enum.values.length === 0 ? undefined : stringsDoc(op.enum.values)]]);
    case "addEnumValue":
      return opCall("addEnumValue", [refDoc(op.enum), stringDoc(op.value)], [
        ["before", changed(op.before, stringDoc)],
        ["after", changed(op.after, stringDoc)],
        ["existingValues", changed(op.previousValues, stringsDoc)],
        ["usages", changed(op.usages, (usages) => list("[", usages.map(usageDoc)))],
      ]);
    case "renameEnumValue":
      return opCall("renameEnumValue", [refDoc(op.enum), stringDoc(op.from), stringDoc(op.to)]);
    case "recreateEnum":
      return opCall("recreateEnum", [refDoc(op.enum), stringsDoc(op.values)], [
        ["existingValues", stringsDoc(op.previousValues)],
        ["usages", op.usages.length === 0 ? undefined : list("[", op.usages.map(usageDoc))],
      ]);
    case "createTable":
      return call("await op.createTable", [refDoc(op.table), tableOptionsDoc(op.table)]);
    case "dropTable":
      return opCall("dropTable", [refDoc(op.table)], [
        ["cascade", optionalBoolean(op.cascade)],
        ["definition", changed(op.definition, tableOptionsDoc)],
      ]);
    case "renameTable":
      return opCall("renameTable", [refDoc(op.table), stringDoc(op.to)]);
    case "addColumn":
      return opCall("addColumn", [refDoc(op.table), columnDoc(op.column)]);
    case "dropColumn":
      return opCall("dropColumn", [refDoc(op.table), stringDoc(op.column)], [["existing", changed(op.definition, (column) => columnDoc(column))]]);
    case "renameColumn":
      return opCall("renameColumn", [refDoc(op.table), stringDoc(op.column), stringDoc(op.to)]);
    case "alterColumn":
      return opCall("alterColumn", [refDoc(op.table), stringDoc(op.column)], alterColumnEntries(op));
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
        ["definition", changed(op.definition, (index) => indexSpecDoc(index, false))],
      ]);
    case "createPrimaryKey":
      return opCall("createPrimaryKey", [refDoc(op.table), stringDoc(op.primaryKey.name), stringsDoc(op.primaryKey.columns)]);
    case "createUniqueConstraint":
      return opCall("createUniqueConstraint", [refDoc(op.table), stringDoc(op.unique.name), stringsDoc(op.unique.columns)], deferrableEntries(op.unique));
    case "createForeignKey": {
      const fk = op.foreignKey;
      const args = [refDoc(op.table), stringDoc(fk.name), stringsDoc(fk.columns), refDoc(fk.referencedTable), stringsDoc(fk.referencedColumns)];
      return opCall("createForeignKey", args, foreignKeyOptionEntries(fk));
    }
    case "createCheckConstraint":
      return opCall("createCheckConstraint", [refDoc(op.table), stringDoc(op.check.name), stringDoc(op.check.expression)]);
    case "createExclusionConstraint":
      return opCall("createExclusionConstraint", [refDoc(op.table), stringDoc(op.exclusion.name), stringDoc(op.exclusion.definition)]);
    case "dropConstraint":
      return opCall("dropConstraint", [refDoc(op.table), stringDoc(op.name)], [["definition", changed(op.definition, constraintDefinitionDoc)]]);
    case "setTableComment":
      return opCall("setTableComment", [refDoc(op.table), nullableDoc(op.comment.to)], [["existingComment", changed(op.comment.from, nullableDoc)]]);
    case "setColumnComment":
      return opCall("setColumnComment", [refDoc(op.table), stringDoc(op.column), nullableDoc(op.comment.to)], [
        ["existingComment", changed(op.comment.from, nullableDoc)],
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
        ["definition", changed(op.definition?.definition, stringDoc)],
        ["indexes", indexes.length === 0 ? undefined : list("[", indexes.map((index) => indexSpecDoc(index, true)))],
      ]);
    }
    case "execute":
      return call("await op.execute", op.params === undefined ? [stringDoc(op.sql)] : [stringDoc(op.sql), valueDoc(op.params)]);
    case "bulkInsert":
      return call("await op.bulkInsert", [refDoc(op.table), valueDoc(op.rows)]);
    default:
      return assertNever(op);
  }
}

/**
 * New values and, next to each, the value it replaces (`existing*`): they make
 * the change reversible and show the reviewer what it was. A collation change
 * on an unchanged type writes only `existingType`, which the API also uses as
 * the type of `TYPE ... COLLATE`.
 */
function alterColumnEntries(op: AlterColumnOp): Entries {
  const t = op.type;
  const typeKept = t !== undefined && t.from === t.to && op.collation !== undefined && t.using === undefined && t.reverseUsing === undefined;
  return [
    ["type", t === undefined || typeKept ? undefined : stringDoc(t.to)],
    ["existingType", changed(t?.from, stringDoc)],
    ["using", changed(t?.using, stringDoc)],
    ["reverseUsing", changed(t?.reverseUsing, stringDoc)],
    ["nullable", changed(op.nullable?.to, (v) => text(String(v)))],
    ["existingNullable", changed(op.nullable?.from, (v) => text(String(v)))],
    ["default", changed(op.default?.to, nullableDoc)],
    ["existingDefault", changed(op.default?.from, nullableDoc)],
    ["identity", changed(op.identity?.to, nullableDoc)],
    ["existingIdentity", changed(op.identity?.from, nullableDoc)],
    ["generated", changed(op.generated?.to, nullableDoc)],
    ["existingGenerated", changed(op.generated?.from, nullableDoc)],
    ["collation", changed(op.collation?.to, nullableDoc)],
    ["existingCollation", changed(op.collation?.from, nullableDoc)],
    ["comment", changed(op.comment?.to, nullableDoc)],
    ["existingComment", changed(op.comment?.from, nullableDoc)],
  ];
}
