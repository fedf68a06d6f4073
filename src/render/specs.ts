/**
 * Schema-model pieces as the shortest spec the `op` API turns back into the
 * same model: defaults (nullable, btree, NO ACTION, not deferrable, empty
 * lists, PostgreSQL's default constraint names) are left out.
 */
import { columnSpecFromModel } from "../ops/column-spec";
import type { EnumUsage, ConstraintDefinition } from "../ops/types";
import { assertNever } from "../ops/types";
import {
  DEFAULT_SCHEMA,
  type ColumnModel,
  type ForeignKeyModel,
  type IndexKey,
  type IndexModel,
  type PrimaryKeyModel,
  type QualifiedName,
  type TableModel,
  type TableOptions,
  type UniqueModel,
} from "../model/types";
import { list, text, together, type Doc, type ListDoc } from "./doc";
import type { Spelling } from "./spelling";
import { objectDoc, stringDoc, stringsDoc } from "./value";

/** `"user"` in the default schema, `{ schema: "audit", name: "log" }` elsewhere. */
export function refDoc(name: QualifiedName): Doc {
  if (name.schema === DEFAULT_SCHEMA) return stringDoc(name.name);
  return qualifiedDoc(name);
}

function qualifiedDoc(name: QualifiedName): Doc {
  return objectDoc([["schema", stringDoc(name.schema)], ["name", stringDoc(name.name)]]);
}

/**
 * The table a foreign key of `from` references. Inside the block of a table
 * outside the default schema, a bare `"workspace"` would read as a table of
 * that schema, so the reference is qualified there even in the default one.
 */
export function referenceDoc(from: QualifiedName, to: QualifiedName): Doc {
  return from.schema === DEFAULT_SCHEMA ? refDoc(to) : qualifiedDoc(to);
}

const TRUE = text("true");

function flag(value: boolean): Doc | undefined {
  return value ? TRUE : undefined;
}

/** A boolean the op carries only when it was given: shown whenever present. */
export function optionalBoolean(value: boolean | undefined): Doc | undefined {
  return value === undefined ? undefined : text(String(value));
}

function nullableString(value: string | null | undefined): Doc | undefined {
  if (value === undefined) return undefined;
  return value === null ? text("null") : stringDoc(value);
}

function nonEmpty(values: readonly string[]): Doc | undefined {
  return values.length === 0 ? undefined : stringsDoc(values);
}

/**
 * A column spec. `inKey`: the column belongs to the table's primary key, which
 * already implies NOT NULL (so only a nullable key column says so); `mark`
 * writes that membership as `primaryKey: true`.
 */
export function columnDoc(model: ColumnModel, spelling: Spelling, inKey = false, mark = false): ListDoc {
  const spec = columnSpecFromModel(model);
  const nullable = inKey ? (model.nullable ? true : undefined) : spec.nullable;
  const defaultValue = spec.default === undefined || spec.default === null ? spec.default : spelling.default(spec.default, model.type);
  return objectDoc([
    ["name", stringDoc(spec.name)],
    ["type", stringDoc(spelling.type(spec.type))],
    ["primaryKey", mark ? TRUE : undefined],
    ["nullable", optionalBoolean(nullable)],
    ["default", nullableString(defaultValue)],
    ["identity", nullableString(spec.identity)],
    ["serial", flag(spec.serial === true)],
    ["generated", nullableString(spec.generated)],
    ["generatedStorage", nullableString(spec.generatedStorage)],
    ["charset", nullableString(spec.charset)],
    ["collation", nullableString(spec.collation)],
    ["onUpdate", nullableString(spec.onUpdate)],
    ["comment", nullableString(spec.comment)],
  ]);
}

function keyDoc(key: IndexKey): Doc {
  const target: [string, Doc] = "column" in key ? ["column", stringDoc(key.column)] : ["expression", stringDoc(key.expression)];
  if ("column" in key && key.descending === undefined && key.nullsFirst === undefined) return target[1];
  return objectDoc([target, ["descending", optionalBoolean(key.descending)], ["nullsFirst", optionalBoolean(key.nullsFirst)]]);
}

export function indexKeysDoc(keys: readonly IndexKey[]): Doc {
  return list("[", keys.map(keyDoc));
}

/** unique, method, include, where: the IndexOptions entries that differ from the defaults. */
export function indexOptionEntries(index: IndexModel): [string, Doc | undefined][] {
  return [
    ["unique", flag(index.unique)],
    ["method", index.method === "btree" ? undefined : stringDoc(index.method)],
    ["include", nonEmpty(index.include)],
    ["where", index.where === null ? undefined : stringDoc(index.where)],
  ];
}

/** IndexSpec (with name) or its Omit<IndexSpec, "name"> form. */
export function indexSpecDoc(index: IndexModel, withName: boolean): Doc {
  return objectDoc([["name", withName ? stringDoc(index.name) : undefined], ["keys", indexKeysDoc(index.keys)], ...indexOptionEntries(index)]);
}

/** deferrable / initiallyDeferred (which implies deferrable). */
export function deferrableEntries(model: { deferrable: boolean; initiallyDeferred: boolean }): [string, Doc | undefined][] {
  return [
    ["deferrable", flag(model.deferrable && !model.initiallyDeferred)],
    ["initiallyDeferred", flag(model.initiallyDeferred)],
  ];
}

/** onDelete, onUpdate and deferrability: ForeignKeyOptions without the defaults. */
export function foreignKeyOptionEntries(fk: ForeignKeyModel): [string, Doc | undefined][] {
  return [
    ["onDelete", fk.onDelete === "NO ACTION" ? undefined : stringDoc(fk.onDelete)],
    ["onUpdate", fk.onUpdate === "NO ACTION" ? undefined : stringDoc(fk.onUpdate)],
    ...deferrableEntries(fk),
  ];
}

function defaultName(table: string, columns: readonly string[], suffix: string): string {
  return `${table}_${columns.join("_")}_${suffix}`;
}

function uniqueSpecDoc(table: TableModel, unique: UniqueModel): Doc {
  const name = unique.name === defaultName(table.name, unique.columns, "key") ? undefined : stringDoc(unique.name);
  return objectDoc([["name", name], ["columns", stringsDoc(unique.columns)], ...deferrableEntries(unique)]);
}

function foreignKeySpecDoc(table: TableModel, fk: ForeignKeyModel): Doc {
  const name = fk.name === defaultName(table.name, fk.columns, "fkey") ? undefined : stringDoc(fk.name);
  return foreignKeyBodyDoc(table, fk, name);
}

/** ForeignKeySpec from `name` on: the spelling shared by createTable and dropConstraint. */
function foreignKeyBodyDoc(table: QualifiedName, fk: ForeignKeyModel, name: Doc | undefined): Doc {
  return objectDoc([
    ["name", name],
    ["columns", stringsDoc(fk.columns)],
    ["references", referenceDoc(table, fk.referencedTable)],
    ["referencedColumns", stringsDoc(fk.referencedColumns)],
    ...foreignKeyOptionEntries(fk),
  ]);
}

/** Whether `primaryKey: true` on the columns says exactly what the key is (default name, table order). */
function keyByMarks(table: TableModel, pk: PrimaryKeyModel): boolean {
  if (pk.name !== `${table.name}_pkey`) return false;
  const key = new Set(pk.columns);
  const marked = table.columns.filter((column) => key.has(column.name)).map((column) => column.name);
  return marked.length === pk.columns.length && marked.every((name, i) => name === pk.columns[i]);
}

function primaryKeyOptionDoc(table: TableModel, pk: PrimaryKeyModel): Doc {
  if (pk.name === `${table.name}_pkey`) return stringsDoc(pk.columns);
  return objectDoc([["name", stringDoc(pk.name)], ["columns", stringsDoc(pk.columns)]]);
}

/** CreateTableOptions for a table: columns one per line (each whole, however long), then keys, constraints, indexes, comment. */
export function tableOptionsDoc(table: TableModel, spelling: Spelling): Doc {
  const pk = table.primaryKey;
  const marks = pk !== null && keyByMarks(table, pk);
  const key = new Set(pk?.columns ?? []);
  const many = <T>(items: readonly T[], doc: (item: T) => Doc): Doc | undefined =>
    items.length === 0 ? undefined : list("[", items.map(doc));
  return objectDoc(
    [
      ["columns", list("[", table.columns.map((column) => together(columnDoc(column, spelling, key.has(column.name), marks && key.has(column.name)))), true)],
      ["primaryKey", pk === null || marks ? undefined : primaryKeyOptionDoc(table, pk)],
      ["uniques", many(table.uniques, (unique) => uniqueSpecDoc(table, unique))],
      ["checks", many(table.checks, (check) => objectDoc([["name", stringDoc(check.name)], ["expression", stringDoc(check.expression)]]))],
      ["foreignKeys", many(table.foreignKeys, (fk) => foreignKeySpecDoc(table, fk))],
      ["exclusions", many(table.exclusions, (ex) => objectDoc([["name", stringDoc(ex.name)], ["definition", stringDoc(ex.definition)]]))],
      ["indexes", many(table.indexes, (index) => indexSpecDoc(index, true))],
      ["comment", table.comment === null ? undefined : stringDoc(table.comment)],
      ["options", table.options === undefined ? undefined : mysqlTableOptionsDoc(table.options)],
    ],
    true,
  );
}

/** MySQL's ENGINE, default charset and collation: the ones set. */
function mysqlTableOptionsDoc(options: TableOptions): Doc | undefined {
  const entries: [string, Doc | undefined][] = [
    ["engine", nullableString(options.engine ?? undefined)],
    ["charset", nullableString(options.charset ?? undefined)],
    ["collation", nullableString(options.collation ?? undefined)],
  ];
  return entries.every(([, doc]) => doc === undefined) ? undefined : objectDoc(entries);
}

/** EnumUsageSpec: array and default only when set; `enumType` is the enum as a column type (`public.mood`). */
export function usageDoc(usage: EnumUsage, enumType: string, spelling: Spelling): Doc {
  const columnType = `${enumType}${usage.array ? "[]" : ""}`;
  const spell = (value: string | null | undefined): string | null | undefined =>
    value === undefined || value === null ? value : spelling.default(value, columnType);
  return objectDoc([
    ["table", refDoc(usage.table)],
    ["column", stringDoc(usage.column)],
    ["array", flag(usage.array)],
    ["default", usage.default === null ? undefined : stringDoc(spell(usage.default)!)],
    ["newDefault", nullableString(spell(usage.newDefault))],
  ]);
}

/**
 * A dropped constraint's definition as ConstraintDefinitionSpec: createTable's
 * shapes, defaults left out, the name only when it is not the dropped one's.
 */
export function constraintDefinitionDoc(table: QualifiedName, dropped: string, definition: ConstraintDefinition): Doc {
  const nameDoc = (name: string): Doc | undefined => (name === dropped ? undefined : stringDoc(name));
  const tagged = (type: string, body: Doc): Doc => objectDoc([["type", stringDoc(type)], [type, body]]);
  switch (definition.type) {
    case "primaryKey": {
      const pk = definition.primaryKey;
      return tagged("primaryKey", objectDoc([["name", nameDoc(pk.name)], ["columns", stringsDoc(pk.columns)]]));
    }
    case "unique": {
      const u = definition.unique;
      return tagged("unique", objectDoc([["name", nameDoc(u.name)], ["columns", stringsDoc(u.columns)], ...deferrableEntries(u)]));
    }
    case "foreignKey":
      return tagged("foreignKey", foreignKeyBodyDoc(table, definition.foreignKey, nameDoc(definition.foreignKey.name)));
    case "check":
      return tagged("check", objectDoc([["name", nameDoc(definition.check.name)], ["expression", stringDoc(definition.check.expression)]]));
    case "exclusion":
      return tagged("exclusion", objectDoc([["name", nameDoc(definition.exclusion.name)], ["definition", stringDoc(definition.exclusion.definition)]]));
    default:
      return assertNever(definition);
  }
}
