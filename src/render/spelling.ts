/**
 * How types and defaults are spelled in a revision: as a person writes them,
 * never changing what the database stores. The database's type rules say how
 * (`DialectTypes.shortName`, `.shortDefault`: PostgreSQL's take the common
 * aliases, `varchar(20)`, and write `'draft'` for `'draft'::public.state`);
 * this file only gathers what they need to know: which types are enums, and
 * the type of a column the ops alter without defining it.
 */
import type { DialectTypes } from "../model/dialect-types";
import { qualifiedKey, type QualifiedName, type SchemaModel } from "../model/types";
import type { Operation } from "../ops/types";

/** What the renderer knows beyond the ops, to spell defaults of columns the ops do not define. */
export interface RenderContext {
  /** The schema before and after the revision (the differ's two sides). */
  readonly models?: readonly SchemaModel[];
}

export interface Spelling {
  type(type: string): string;
  /** `columnType` undefined: the type is not known, and the default is written as given. */
  default(expression: string, columnType: string | undefined): string;
  /** The type of a column the ops alter but do not define, when every model agrees on it. */
  columnType(table: QualifiedName, column: string): string | undefined;
  /** An enum's type as a column of it is typed (for its defaults). */
  enumType(name: QualifiedName): string;
}

function columnKey(table: QualifiedName, column: string): string {
  return `${qualifiedKey(table)}\u0000${column}`;
}

export function spellingFor(ops: readonly Operation[], types: DialectTypes, context: RenderContext = {}): Spelling {
  const enumTypeName = (name: QualifiedName): string => types.enumTypeName(name);
  const enums = new Set<string>();
  const columnTypes = new Map<string, string | null>();
  for (const model of context.models ?? []) {
    for (const e of model.enums) enums.add(enumTypeName(e));
    for (const table of model.tables) {
      for (const column of table.columns) {
        const key = columnKey(table, column.name);
        const known = columnTypes.get(key);
        columnTypes.set(key, known === undefined || known === column.type ? column.type : null);
      }
    }
  }
  for (const op of ops) {
    if (op.kind === "createEnum") enums.add(enumTypeName(op.enum));
    if (op.kind === "recreateEnum" || op.kind === "addEnumValue" || op.kind === "renameEnumValue") enums.add(enumTypeName(op.enum));
    if (op.kind === "renameEnum") {
      enums.add(enumTypeName(op.enum));
      enums.add(enumTypeName({ schema: op.enum.schema, name: op.to }));
    }
  }
  const isEnum = (type: string): boolean => enums.has(type);
  return {
    type: (type) => types.shortName(type),
    default: (expression, columnType) => (columnType === undefined ? expression : types.shortDefault(expression, columnType, isEnum)),
    columnType: (table, column) => columnTypes.get(columnKey(table, column)) ?? undefined,
    enumType: enumTypeName,
  };
}
