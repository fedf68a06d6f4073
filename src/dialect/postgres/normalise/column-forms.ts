/**
 * Column forms in bulk: what PostgreSQL renders of a column out of context
 * (its type by format_type, its collation, its default by pg_get_expr) does
 * not depend on the table it is in. Each distinct (type, collation, default)
 * of the plain tables becomes one column of a scratch table (up to
 * FORMS_PER_TABLE a table), built and read back like any chunk; the plain
 * tables then take their columns' forms from it.
 */
import { randomBytes } from "node:crypto";
import type { ColumnModel, TableModel } from "../../../model/types";
import type { Chunk } from "./chunks";

/** Well under PostgreSQL's 1 600 columns a table. */
export const FORMS_PER_TABLE = 1_000;

export interface ColumnForm {
  readonly type: string;
  readonly collation: string | null;
  readonly default: string | null;
}

/** One string per distinct form; NUL separates the parts, as PostgreSQL text never holds one. */
export function formKey(column: ColumnForm): string {
  return `${column.type}\u0000${part(column.collation)}\u0000${part(column.default)}`;
}

function part(value: string | null): string {
  return value === null ? "n" : `s${value}`;
}

export interface FormChunks {
  /** One chunk per scratch table of forms. */
  readonly chunks: Chunk[];
  /** The forms' keys, per chunk in column order. */
  readonly keys: string[][];
}

/** The scratch tables holding every distinct form of `tables`' columns, in `schema` (which exists). */
export function formChunks(tables: readonly TableModel[], schema: string): FormChunks {
  const distinct = new Map<string, ColumnForm>();
  for (const table of tables) {
    for (const column of table.columns) {
      const key = formKey(column);
      if (!distinct.has(key)) distinct.set(key, { type: column.type, collation: column.collation, default: column.default });
    }
  }
  const entries = [...distinct];
  const prefix = `migrator_forms_${randomBytes(6).toString("hex")}`;
  const chunks: Chunk[] = [];
  const keys: string[][] = [];
  for (let start = 0; start < entries.length; start += FORMS_PER_TABLE) {
    const slice = entries.slice(start, start + FORMS_PER_TABLE);
    const columns = slice.map(([, form], i): ColumnModel => ({
      name: `c${i}`, type: form.type, collation: form.collation, default: form.default,
      nullable: true, identity: null, serial: false, generated: null, comment: null,
    }));
    const table: TableModel = {
      schema, name: `${prefix}_${chunks.length}`, columns,
      primaryKey: null, uniques: [], indexes: [], foreignKeys: [], checks: [], exclusions: [], comment: null,
    };
    chunks.push({ tables: [table], views: [] });
    keys.push(slice.map(([key]) => key));
  }
  return { chunks, keys };
}

/** The rendered forms, by key, from the scratch tables as read back (columns in the order built). */
export function readForms(keys: readonly string[][], reads: ReadonlyArray<readonly TableModel[]>): Map<string, ColumnForm> {
  const forms = new Map<string, ColumnForm>();
  keys.forEach((chunkKeys, i) => {
    const columns = reads[i]?.[0]?.columns ?? [];
    chunkKeys.forEach((key, j) => {
      const column = columns[j];
      if (column !== undefined) forms.set(key, { type: column.type, collation: column.collation, default: column.default });
    });
  });
  return forms;
}
