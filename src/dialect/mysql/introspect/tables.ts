/**
 * information_schema rows -> the model's tables, in the server's own
 * spelling (COLUMN_TYPE, COLUMN_DEFAULT, GENERATION_EXPRESSION, CHECK_CLAUSE
 * as stored), with the differences between MySQL 8 and MariaDB folded into
 * one form:
 * - a default is an SQL expression, literals quoted (MariaDB's form since
 *   10.2.7; MySQL 8 shows literals bare and marks expressions
 *   DEFAULT_GENERATED), and MariaDB's `NULL` (no default) is null;
 * - MariaDB's json is `longtext` with a column check `json_valid(col)` named
 *   after the column: read back as type `json` without that check (and without
 *   the binary collation the alias implies), as TypeORM declares it;
 * - AUTO_INCREMENT is identity `BY DEFAULT`; `on update ...` in EXTRA is onUpdate;
 * - a column's charset and collation are kept only where they differ from
 *   the table's defaults, which are the table's options with its engine;
 * - the primary key is the index PRIMARY; other unique keys are unique
 *   indexes (MySQL has no separate unique constraint); the index MySQL adds
 *   for a foreign key, named after it, is the foreign key's and not listed
 *   (as TypeORM leaves it out); an index on a column prefix keeps the prefix
 *   as an expression key (`` `title`(20) ``).
 */
import type { Row } from "../../../db/types";
import type { CheckModel, ColumnModel, ForeignKeyModel, IndexKey, IndexModel, ReferentialAction, TableModel } from "../../../model/types";
import { compareText, sortedByName } from "../../../model/names";
import { number, text, textOrNull } from "./rows";

export interface TableRows {
  readonly table: Row;
  readonly columns: readonly Row[];
  readonly statistics: readonly Row[];
  readonly foreignKeys: readonly Row[];
  readonly checks: readonly Row[];
}

export interface TableContext {
  readonly schema: string;
  readonly mariadb: boolean;
  /** The model's schema of a referenced database. */
  readonly toSchema: (database: string) => string;
}

export function readTable(rows: TableRows, context: TableContext): TableModel {
  const charset = textOrNull(rows.table, "charset");
  const collation = textOrNull(rows.table, "collation");
  const jsonColumns = new Set(
    rows.checks.filter((row) => text(row, "level") === "Column" && text(row, "clause") === `json_valid(${backticked(text(row, "name"))})`).map((row) => text(row, "name")),
  );
  const foreignKeys = readForeignKeys(rows.foreignKeys, context);
  const fkNames = new Set(foreignKeys.map((fk) => fk.name));
  const indexes = readIndexes(rows.statistics);
  const primary = indexes.find((index) => index.name === "PRIMARY");
  return {
    schema: context.schema,
    name: text(rows.table, "name"),
    columns: rows.columns.map((row) => readColumn(row, { charset, collation, json: jsonColumns.has(text(row, "name")) && text(row, "dataType") === "longtext", mariadb: context.mariadb })),
    primaryKey: primary === undefined ? null : { name: "PRIMARY", columns: primary.keys.map((key) => ("column" in key ? key.column : key.expression)) },
    uniques: [],
    indexes: sortedByName(indexes.filter((index) => index.name !== "PRIMARY" && !fkNames.has(index.name))),
    foreignKeys: sortedByName(foreignKeys),
    checks: rows.checks
      .filter((row) => !(jsonColumns.has(text(row, "name")) && text(row, "level") === "Column"))
      .map((row): CheckModel => ({ name: text(row, "name"), expression: text(row, "clause") }))
      .sort((a, b) => compareText(a.name, b.name)),
    exclusions: [],
    comment: text(rows.table, "comment") === "" ? null : text(rows.table, "comment"),
    options: { engine: textOrNull(rows.table, "engine"), charset, collation },
  };
}

interface ColumnContext {
  readonly charset: string | null;
  readonly collation: string | null;
  readonly json: boolean;
  readonly mariadb: boolean;
}

function readColumn(row: Row, context: ColumnContext): ColumnModel {
  const extra = text(row, "extra");
  // most columns have no EXTRA: none of its patterns can match then
  const plain = extra === "";
  const generation = textOrNull(row, "generation");
  const generated = !plain && generation !== null && generation !== "" && /GENERATED/i.test(extra) ? generation : null;
  const onUpdate = plain ? null : (/on update (.+)$/i.exec(extra)?.[1] ?? null);
  const charset = context.json ? null : textOrNull(row, "charset");
  const collation = context.json ? null : textOrNull(row, "collation");
  return {
    name: text(row, "name"),
    type: context.json ? "json" : text(row, "type"),
    nullable: text(row, "nullable") === "YES",
    default: generated === null ? readDefault(row, extra, context.mariadb) : null,
    identity: !plain && /auto_increment/i.test(extra) ? "BY DEFAULT" : null,
    serial: false,
    generated,
    ...(generated !== null && /VIRTUAL/i.test(extra) ? { generatedStorage: "virtual" as const } : {}),
    collation: collation === context.collation ? null : collation,
    ...(charset !== null && charset !== context.charset ? { charset } : {}),
    ...(onUpdate === null ? {} : { onUpdate }),
    comment: text(row, "comment") === "" ? null : text(row, "comment"),
  };
}

function readDefault(row: Row, extra: string, mariadb: boolean): string | null {
  const value = textOrNull(row, "dflt");
  if (value === null) return null;
  if (mariadb) return value === "NULL" ? null : value;
  // MySQL 8: expressions are marked, literals are shown bare
  if (/DEFAULT_GENERATED/i.test(extra)) return value;
  return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

function readIndexes(rows: readonly Row[]): IndexModel[] {
  const byName = new Map<string, { unique: boolean; method: string; keys: IndexKey[] }>();
  for (const row of rows) {
    const name = text(row, "name");
    let index = byName.get(name);
    if (index === undefined) {
      index = { unique: number(row, "nonUnique") === 0, method: text(row, "method").toLowerCase() || "btree", keys: [] };
      byName.set(name, index);
    }
    const column = text(row, "col");
    // a SPATIAL key's SUB_PART (32 on MariaDB) is the engine's own, never written: the key is the column
    const prefix = index.method === "spatial" ? null : textOrNull(row, "subPart");
    const descending = text(row, "direction") === "D" ? { descending: true } : {};
    index.keys.push(prefix === null ? { column, ...descending } : { expression: `${backticked(column)}(${prefix})`, ...descending });
  }
  return [...byName].map(([name, index]) => ({ name, unique: index.unique, method: index.method, keys: index.keys, where: null, include: [] }));
}

function readForeignKeys(rows: readonly Row[], context: TableContext): ForeignKeyModel[] {
  const byName = new Map<string, { row: Row; columns: string[]; referencedColumns: string[] }>();
  for (const row of rows) {
    const name = text(row, "name");
    let fk = byName.get(name);
    if (fk === undefined) {
      fk = { row, columns: [], referencedColumns: [] };
      byName.set(name, fk);
    }
    fk.columns.push(text(row, "col"));
    fk.referencedColumns.push(text(row, "refCol"));
  }
  return [...byName].map(([name, fk]) => ({
    name,
    columns: fk.columns,
    referencedTable: { schema: context.toSchema(text(fk.row, "refDb")), name: text(fk.row, "refTable") },
    referencedColumns: fk.referencedColumns,
    onDelete: rule(text(fk.row, "onDelete")),
    onUpdate: rule(text(fk.row, "onUpdate")),
    deferrable: false,
    initiallyDeferred: false,
  }));
}

function rule(value: string): ReferentialAction {
  switch (value) {
    case "RESTRICT":
    case "CASCADE":
    case "SET NULL":
    case "SET DEFAULT":
    case "NO ACTION":
      return value;
    default:
      return "NO ACTION";
  }
}

/** An identifier as the server prints it in expressions. */
export function backticked(name: string): string {
  return `\`${name.replace(/`/g, "``")}\``;
}
