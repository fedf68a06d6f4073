/**
 * MODIFY COLUMN and CHANGE COLUMN replace a column's whole definition: what
 * the statement leaves out (NOT NULL, the default, ON UPDATE, AUTO_INCREMENT,
 * the comment, the collation) is dropped. An alterColumn op carries only what
 * it changes, so the rest is copied from the catalog by the server itself, in
 * the same run: the statement is assembled from information_schema.COLUMNS
 * and run as a prepared statement (prepared.ts). Its default is re-read in the
 * server's own spelling: MariaDB prints it as SQL (`'x'`, `NULL`,
 * `current_timestamp()`), MySQL 8 as the bare value, with DEFAULT_GENERATED in
 * EXTRA for an expression; the text decides which by VERSION(). MariaDB
 * escapes backslashes in the defaults it prints, so the statement runs with
 * NO_BACKSLASH_ESCAPES off (comments.ts).
 */
import type { QualifiedName } from "../../../model/types";
import type { Statement } from "../../statement";
import { qualified, quoteIdent, quoteLiteral } from "../quote";
import { typePieces } from "../types/spelling";
import { withBackslashEscapes } from "./comments";
import { preparedFrom, quoteAtRunTime, textPiece } from "./prepared";
import { tableFilter } from "./schema-name";

/** What the new definition says instead of the catalog; a property left undefined is copied. */
export interface ColumnOverrides {
  readonly type?: string;
  readonly nullable?: boolean;
  /** An SQL expression, or null for no default. */
  readonly default?: string | null;
  readonly generated?: string | null;
  readonly collation?: string | null;
  /** A character set, or null for the table's. */
  readonly charset?: string | null;
  readonly generatedStorage?: "virtual" | "stored" | null;
  readonly onUpdate?: string | null;
  readonly comment?: string | null;
  readonly autoIncrement?: boolean;
}

/** Types that take a character set and collation. */
const CHARACTER_TYPES = new Set(["char", "varchar", "tinytext", "text", "mediumtext", "longtext", "enum", "set"]);

const GENERATED = "(EXTRA LIKE '%VIRTUAL GENERATED%' OR EXTRA LIKE '%STORED GENERATED%')";

/**
 * A json column on MariaDB: a longtext (utf8mb4_bin) with a column CHECK
 * json_valid(`c`), which a restated definition would drop; it is restated as
 * `json`, which brings both back (on MySQL, DATA_TYPE says json itself).
 */
const MARIADB_JSON =
  "(DATA_TYPE = 'longtext' AND EXISTS (SELECT 1 FROM information_schema.TABLE_CONSTRAINTS tc " +
  "JOIN information_schema.CHECK_CONSTRAINTS cc ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME " +
  "WHERE tc.TABLE_SCHEMA = COLUMNS.TABLE_SCHEMA AND tc.TABLE_NAME = COLUMNS.TABLE_NAME AND tc.CONSTRAINT_TYPE = 'CHECK' " +
  "AND cc.CHECK_CLAUSE = CONCAT('json_valid(`', COLUMNS.COLUMN_NAME, '`)')))";

// a bare NULL (a string 'NULL' prints quoted) is a nullable column's implicit default: not restated, as
// NOT NULL DEFAULT NULL is an error when the op makes the column NOT NULL
const MARIADB_DEFAULT =
  "IF(COLUMN_DEFAULT IS NULL OR COLUMN_DEFAULT = 'NULL', '', CONCAT(' DEFAULT ', IF(COLUMN_DEFAULT REGEXP '^(''|-?[0-9]|current_timestamp)', COLUMN_DEFAULT, CONCAT('(', COLUMN_DEFAULT, ')'))))";
const MYSQL_DEFAULT =
  "IF(COLUMN_DEFAULT IS NULL, '', CONCAT(' DEFAULT ', IF(EXTRA LIKE '%DEFAULT_GENERATED%', " +
  "IF(COLUMN_DEFAULT LIKE 'CURRENT\\_TIMESTAMP%', COLUMN_DEFAULT, CONCAT('(', COLUMN_DEFAULT, ')')), " +
  `${quoteAtRunTime("COLUMN_DEFAULT")})))`;

const text = textPiece;

function pieces(o: ColumnOverrides): string[] {
  const out: string[] = [];
  const storage =
    o.generatedStorage === undefined || o.generatedStorage === null
      ? "IF(EXTRA LIKE '%VIRTUAL GENERATED%', 'VIRTUAL', 'STORED')"
      : text(o.generatedStorage === "virtual" ? "VIRTUAL" : "STORED");
  out.push(o.type === undefined ? `IF(${MARIADB_JSON}, ' json', CONCAT(' ', COLUMN_TYPE))` : text(` ${o.type}`));
  if (o.charset !== undefined && o.charset !== null) out.push(text(` CHARACTER SET ${quoteIdent(o.charset)}`));
  if (o.collation !== undefined) {
    if (o.collation !== null) out.push(text(` COLLATE ${quoteIdent(o.collation)}`));
  } else if (o.charset === undefined && (o.type === undefined || CHARACTER_TYPES.has(typePieces(o.type).base))) {
    // the catalog's collation names its character set too; a new character set takes its own default collation;
    // json's utf8mb4_bin is the type's own: kept by json, left behind by another type
    out.push(`IF(COLLATION_NAME IS NULL OR ${MARIADB_JSON}, '', CONCAT(' COLLATE \`', COLLATION_NAME, '\`'))`);
  }
  if (o.generated !== undefined) {
    if (o.generated !== null) {
      out.push(text(` GENERATED ALWAYS AS (${o.generated}) `), storage);
    }
  } else {
    out.push(`IF(${GENERATED}, CONCAT(' GENERATED ALWAYS AS (', GENERATION_EXPRESSION, ') ', ${storage}), '')`);
  }
  // MariaDB refuses NULL / NOT NULL on a generated column
  const generatedNow = o.generated === undefined ? GENERATED : o.generated === null ? "FALSE" : "TRUE";
  const nullability = o.nullable === undefined ? "IF(IS_NULLABLE = 'YES', ' NULL', ' NOT NULL')" : text(o.nullable ? " NULL" : " NOT NULL");
  out.push(`IF(${generatedNow}, '', ${nullability})`);
  if (o.default !== undefined) {
    if (o.default !== null) out.push(text(` DEFAULT ${o.default}`));
  } else {
    out.push(`IF(${generatedNow}, '', IF(VERSION() LIKE '%MariaDB%', ${MARIADB_DEFAULT}, ${MYSQL_DEFAULT}))`);
  }
  if (o.onUpdate === undefined) out.push("IF(EXTRA LIKE '%on update%', CONCAT(' ON UPDATE ', SUBSTRING(EXTRA, LOCATE('on update ', EXTRA) + 10)), '')");
  else if (o.onUpdate !== null) out.push(text(` ON UPDATE ${o.onUpdate}`));
  if (o.autoIncrement === undefined) out.push("IF(EXTRA LIKE '%auto\\_increment%', ' AUTO_INCREMENT', '')");
  else if (o.autoIncrement) out.push(text(" AUTO_INCREMENT"));
  out.push("IF(EXTRA LIKE '%INVISIBLE%', ' INVISIBLE', '')");
  if (o.comment !== undefined) {
    if (o.comment !== null) out.push(text(" COMMENT "), quoteAtRunTime(text(o.comment)));
  } else {
    out.push(`IF(COLUMN_COMMENT = '', '', CONCAT(' COMMENT ', ${quoteAtRunTime("COLUMN_COMMENT")}))`);
  }
  return out;
}

/**
 * `ALTER TABLE t MODIFY COLUMN c <definition>` (or CHANGE COLUMN c `newName`
 * when renaming), the definition the catalog's with `overrides` applied. A
 * column that does not exist makes the server say so (the statement falls
 * back to a MODIFY of the missing column).
 *
 * The server cannot MODIFY a column into or out of VIRTUAL (to STORED, to a
 * plain column, from one): with `generatedStorage` given, a column that is
 * VIRTUAL now or is to be is dropped and added again, at its place, in the
 * same statement (its indexes stay: MariaDB carries them over to the new
 * column of the same name). A virtual column holds no data of its own.
 *
 * `unlessOnUpdate` is run instead where the column has no ON UPDATE clause.
 */
export function rewriteColumn(table: QualifiedName, column: string, overrides: ColumnOverrides, newName?: string, options: { unlessOnUpdate?: string } = {}): Statement[] {
  const head = newName === undefined ? `ALTER TABLE ${qualified(table)} MODIFY COLUMN ${quoteIdent(column)}` : `ALTER TABLE ${qualified(table)} CHANGE COLUMN ${quoteIdent(column)} ${quoteIdent(newName)}`;
  let parts = [text(head), ...pieces(overrides)];
  if (overrides.generatedStorage !== undefined) {
    const readd = `(EXTRA LIKE '%VIRTUAL GENERATED%' OR ${overrides.generatedStorage === "virtual" ? "TRUE" : "FALSE"})`;
    const again = `ALTER TABLE ${qualified(table)} DROP COLUMN ${quoteIdent(column)}, ADD COLUMN ${quoteIdent(newName ?? column)}`;
    const previous =
      `(SELECT CONCAT('\`', REPLACE(p.COLUMN_NAME, '\`', '\`\`'), '\`') FROM information_schema.COLUMNS p ` +
      `WHERE p.TABLE_SCHEMA = COLUMNS.TABLE_SCHEMA AND p.TABLE_NAME = COLUMNS.TABLE_NAME AND p.ORDINAL_POSITION = COLUMNS.ORDINAL_POSITION - 1)`;
    const place = `IF(${readd}, IF(ORDINAL_POSITION = 1, ' FIRST', CONCAT(' AFTER ', ${previous})), '')`;
    parts = [`IF(${readd}, ${text(again)}, ${text(head)})`, ...pieces(overrides), place];
  }
  // `unlessOnUpdate`: a cheaper statement, for a column without ON UPDATE (MariaDB's SET / DROP DEFAULT drop that clause)
  const text_ = options.unlessOnUpdate === undefined ? `CONCAT(${parts.join(", ")})` : `IF(EXTRA LIKE '%on update%', CONCAT(${parts.join(", ")}), ${text(options.unlessOnUpdate)})`;
  const select = `SELECT ${text_} FROM information_schema.COLUMNS WHERE ${tableFilter(table)} AND COLUMN_NAME = ${quoteLiteral(column)}`;
  // MariaDB prints a string default with backslash escapes whatever the mode: it is read back with them on
  return withBackslashEscapes(preparedFrom(`(${select})`, `${head} int`));
}
