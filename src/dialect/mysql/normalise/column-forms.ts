/**
 * Plain tables are not built one by one: what the server re-spells in them
 * belongs to single columns (the type, the default, ON UPDATE, charset and
 * collation against the database's defaults), so the distinct column forms of
 * all of them are built as the columns of a few scratch tables, and each
 * plain table is put together from its forms and its own parts, which the
 * server stores as given (names, comments, AUTO_INCREMENT, keys, index
 * kinds, foreign keys with the actions TypeORM always writes).
 *
 * A table is plain when nothing in it is rendered in the table's context:
 * no generated column (its expression names other columns), no check, no
 * TIMESTAMP column (without explicit_defaults_for_timestamp the first one's
 * default depends on its position), engine InnoDB or MyISAM as TypeORM
 * spells them, no table charset or collation of its own, and its database
 * exists (its defaults are the table's); and no view names it (normalise
 * decides that). Every other table is built whole.
 */
import { sortedByName } from "../../../model/names";
import { columnCharset, columnOnUpdate, type ColumnModel, type TableModel } from "../../../model/types";

/** The forms tables: MyISAM has no 8 KB row limit, only the 64 KB one every engine has. */
const ROW_BUDGET = 60_000;
const PLAIN_ENGINES = new Set(["InnoDB", "MyISAM"]);

export function isPlain(table: TableModel, databaseExists: (schema: string) => boolean): boolean {
  const options = table.options;
  return (
    options !== undefined &&
    options.engine !== null &&
    PLAIN_ENGINES.has(options.engine) &&
    options.charset === null &&
    options.collation === null &&
    table.checks.length === 0 &&
    table.columns.every((column) => column.generated === null && !/^timestamp\b/i.test(column.type)) &&
    databaseExists(table.schema)
  );
}

/** What the server may spell differently, and nothing else. */
function formOf(column: ColumnModel, inKey: boolean): ColumnModel {
  const charset = columnCharset(column);
  const onUpdate = columnOnUpdate(column);
  return {
    name: "",
    type: column.type,
    // a key column is NOT NULL whatever it says
    nullable: inKey ? false : column.nullable,
    default: column.default,
    identity: null,
    serial: false,
    generated: null,
    collation: column.collation,
    ...(charset === null ? {} : { charset }),
    ...(onUpdate === null ? {} : { onUpdate }),
    comment: null,
  };
}

function keyOf(form: ColumnModel): string {
  return JSON.stringify([form.type, form.nullable, form.default, form.collation, columnCharset(form), columnOnUpdate(form)]);
}

/** Bytes a column may take in a row, at most (utf8mb4: 4 a character). */
function rowBytes(type: string): number {
  const chars = /^(?:var)?char\((\d+)\)/i.exec(type);
  if (chars !== null) return 4 * Number(chars[1]) + 2;
  const bytes = /^(?:var)?binary\((\d+)\)/i.exec(type);
  if (bytes !== null) return Number(bytes[1]) + 2;
  return 16;
}

/** A scratch table holding forms as its columns (MyISAM: see ROW_BUDGET). */
export function formsTable(schema: string, name: string, columns: readonly ColumnModel[]): TableModel {
  return {
    schema,
    name,
    columns: [...columns],
    primaryKey: null,
    uniques: [],
    indexes: [],
    foreignKeys: [],
    checks: [],
    exclusions: [],
    comment: null,
    options: { engine: "MyISAM", charset: null, collation: null },
  };
}

/** The name of the `index`th forms table. */
export function formsTableName(tablePrefix: string, index: number): string {
  return `${tablePrefix}${index}`;
}

export interface ColumnForms {
  /** The scratch tables holding every form once, as columns `f0`, `f1`... */
  readonly tables: readonly TableModel[];
  /** Puts a plain table together from the forms as the server read them back. */
  readonly assemble: (table: TableModel, read: ReadonlyMap<string, ColumnModel>, defaults: { charset: string; collation: string }) => TableModel;
  /** The form's column in the read-back tables, by form key: `table\0column`. */
  readonly names: ReadonlySet<string>;
}

export function columnForms(tables: readonly TableModel[], schema: string, tablePrefix: string): ColumnForms {
  const located = new Map<string, { table: string; column: string }>();
  // each plain table's columns' places among the forms, in column order, found once (assemble gets the same table objects)
  const placesOf = new Map<TableModel, { table: string; column: string }[]>();
  const scratch: { name: string; columns: ColumnModel[]; bytes: number }[] = [];
  for (const table of tables) {
    const key = new Set(table.primaryKey?.columns ?? []);
    const places: { table: string; column: string }[] = [];
    placesOf.set(table, places);
    for (const column of table.columns) {
      const form = formOf(column, key.has(column.name));
      const formKey = keyOf(form);
      const known = located.get(formKey);
      if (known !== undefined) {
        places.push(known);
        continue;
      }
      const bytes = rowBytes(form.type);
      let target = scratch[scratch.length - 1];
      if (target === undefined || (target.columns.length > 0 && target.bytes + bytes > ROW_BUDGET) || target.columns.length >= 1000) {
        target = { name: formsTableName(tablePrefix, scratch.length), columns: [], bytes: 0 };
        scratch.push(target);
      }
      const name = `f${target.columns.length}`;
      target.columns.push({ ...form, name });
      target.bytes += bytes;
      const place = { table: target.name, column: name };
      located.set(formKey, place);
      places.push(place);
    }
  }
  const formTables = scratch.map((t) => formsTable(schema, t.name, t.columns));
  return {
    tables: formTables,
    names: new Set(scratch.map((t) => t.name)),
    assemble: (table, read, defaults) => {
      const places = placesOf.get(table);
      if (places === undefined) throw new Error(`normalise: ${table.name} was not among the tables the forms were made of`);
      const columns = table.columns.map((column, at): ColumnModel => {
        const stored = read.get(`${places[at]!.table}\u0000${places[at]!.column}`);
        if (stored === undefined) throw new Error(`normalise: the form of ${table.name}.${column.name} was not read back`);
        return { ...stored, name: column.name, identity: column.identity, comment: column.comment };
      });
      return {
        ...table,
        columns,
        uniques: [],
        indexes: sortedByName(table.indexes),
        foreignKeys: sortedByName(table.foreignKeys),
        exclusions: [],
        options: { engine: table.options!.engine, charset: defaults.charset, collation: defaults.collation },
      };
    },
  };
}
