/**
 * Plain tables need no scratch copy of their own: without checks, exclusions,
 * generated columns, index predicates or expression keys, nothing of theirs
 * is rendered in the context of the table. Their canonical form is the raw
 * one with each column's type, collation and default as PostgreSQL renders
 * them (column-forms.ts) and what CREATE TABLE would have done spelled out
 * here: NOT NULL on key and sequenced columns, empty comments as none,
 * index key options as the catalog reports them.
 *
 * Anything that PostgreSQL might reject or rewrite (names over 63 bytes,
 * keys on unknown columns or on types without a btree operator class,
 * another index method, a deferral CREATE TABLE would adjust) makes the
 * table not plain: it goes through the scratch copy, and PostgreSQL speaks.
 */
import { qualified } from "../quote";
import { compareText } from "../introspect/rows";
import type { ColumnModel, EnumModel, IndexKey, TableModel } from "../../../model/types";
import { formKey, type ColumnForm } from "./column-forms";
import { IDENTITY_TYPES } from "./scratch-ddl";

const MAX_IDENTIFIER_BYTES = 63;

/** Raw base types (lower case, no modifiers or array brackets) that have a default btree operator class. */
const BTREE_TYPES = new Set([
  "smallint", "int2", "integer", "int", "int4", "bigint", "int8", "real", "float4", "double precision", "float8", "float",
  "numeric", "decimal", "bool", "boolean", "text", "varchar", "character varying", "char", "character", "bpchar", "name",
  "uuid", "date", "time", "timetz", "time without time zone", "time with time zone", "timestamp", "timestamptz",
  "timestamp without time zone", "timestamp with time zone", "interval", "bytea", "inet", "cidr", "macaddr", "oid", "jsonb",
]);

export function isPlain(table: TableModel, enums: readonly EnumModel[]): boolean {
  if (table.checks.length > 0 || table.exclusions.length > 0) return false;
  const types = new Map<string, string>();
  for (const column of table.columns) {
    if (column.generated !== null || types.has(column.name) || !fits(column.name)) return false;
    if (column.identity !== null && !IDENTITY_TYPES.has(column.type.trim().toLowerCase())) return false;
    types.set(column.name, column.type);
  }
  const enumTypes = new Set(enums.map((type) => qualified(type)));
  const keyable = (name: string): boolean => {
    const type = types.get(name);
    return type !== undefined && (BTREE_TYPES.has(baseType(type)) || enumTypes.has(type.trim()));
  };
  const constraint = (columns: readonly string[]): boolean =>
    columns.length > 0 && new Set(columns).size === columns.length && columns.every(keyable);
  const names = [table.name];
  if (table.primaryKey !== null) {
    if (!constraint(table.primaryKey.columns)) return false;
    names.push(table.primaryKey.name);
  }
  for (const unique of table.uniques) {
    if (!constraint(unique.columns) || (unique.initiallyDeferred && !unique.deferrable)) return false;
    names.push(unique.name);
  }
  for (const index of table.indexes) {
    if (index.method !== "btree" || index.where !== null || index.keys.length === 0) return false;
    const keys = index.keys.map((key) => ("column" in key ? key.column : null));
    if (!keys.every((key): key is string => key !== null && keyable(key))) return false;
    if (!index.include.every((name) => types.has(name) && !keys.includes(name))) return false;
    names.push(index.name);
  }
  return names.every(fits) && new Set(names).size === names.length && fits(table.schema);
}

/** The canonical table from the raw one and the rendered forms of its columns. */
export function plainTable(table: TableModel, forms: ReadonlyMap<string, ColumnForm>): TableModel {
  const keyed = new Set(table.primaryKey?.columns ?? []);
  const columns = table.columns.map((column): ColumnModel => {
    const form = forms.get(formKey(column));
    if (form === undefined) throw new Error(`normalise: no rendered form for column ${column.name}`);
    const sequenced = column.serial || column.identity !== null;
    return {
      ...column,
      ...form,
      nullable: column.nullable && !sequenced && !keyed.has(column.name),
      comment: column.comment === "" ? null : column.comment,
    };
  });
  return {
    ...table,
    columns,
    uniques: byName(table.uniques),
    indexes: byName(table.indexes.map((index) => ({ ...index, keys: index.keys.map(canonicalKey) }))),
    foreignKeys: byName(table.foreignKeys),
    checks: [],
    exclusions: [],
    comment: table.comment === "" ? null : table.comment,
  };
}

/** As the catalog reports a key: DESC when descending, NULLS only when not the default for the direction. */
function canonicalKey(key: IndexKey): IndexKey {
  const descending = key.descending === true;
  const nullsFirst = key.nullsFirst ?? descending;
  const base: IndexKey = "column" in key ? { column: key.column } : { expression: key.expression };
  return { ...base, ...(descending ? { descending: true } : {}), ...(nullsFirst !== descending ? { nullsFirst } : {}) };
}

function baseType(type: string): string {
  return type.toLowerCase().replace(/\[\]/g, "").replace(/\([^)]*\)/g, "").replace(/\s+/g, " ").trim();
}

function fits(name: string): boolean {
  return name.length > 0 && Buffer.byteLength(name, "utf8") <= MAX_IDENTIFIER_BYTES;
}

function byName<T extends { readonly name: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => compareText(a.name, b.name));
}
