/**
 * A statement the server writes for itself from its catalog, run as a
 * prepared statement: `SET @v = (SELECT ...)`, PREPARE, EXECUTE, DEALLOCATE.
 * MySQL has no DO block; this is the plain-SQL way to decide at run time
 * (an index exists or not) or to copy what the catalog knows into a
 * statement (a column's whole definition, which MODIFY COLUMN needs).
 * Each piece is its own statement; they share the session's variable.
 */
import { statement, type Statement } from "../../statement";
import { needsHex, quotedOnly } from "../quote";

const VARIABLE = "@migrator_ddl";
const NAME = "migrator_ddl";

/**
 * `textSql` is an SQL expression giving the statement's text; when it is NULL
 * (the catalog has no such row) `fallback` runs instead: `DO 0` for nothing,
 * or a statement that fails with the server's own message.
 */
export function preparedFrom(textSql: string, fallback = "DO 0"): Statement[] {
  return [
    statement(`SET ${VARIABLE} = COALESCE(${textSql}, ${textPiece(fallback)})`),
    statement(`PREPARE ${NAME} FROM ${VARIABLE}`),
    statement(`EXECUTE ${NAME}`),
    statement(`DEALLOCATE PREPARE ${NAME}`),
  ];
}

/**
 * Text for a piece of the statement being assembled. One with a backslash is
 * a binary hex literal: binary strings mix with any character set and
 * collation (an `_utf8mb4 X'..'` literal would clash with the connection's
 * collation in CONCAT and REPLACE), and PREPARE reads the bytes as UTF-8.
 */
export function textPiece(value: string): string {
  return needsHex(value) ? `X'${Buffer.from(value, "utf8").toString("hex")}'` : quotedOnly(value);
}

/**
 * SQL text of a string expression's value as a quoted literal, correct
 * whatever NO_BACKSLASH_ESCAPES is when the text is parsed. Worked on as
 * bytes (a quote and a backslash are single bytes in UTF-8, never inside a
 * longer character), so no collation can clash.
 */
export function quoteAtRunTime(expression: string): string {
  const quotes = `REPLACE(CAST(${expression} AS BINARY), '''', '''''')`;
  const escaped = `REPLACE(${quotes}, CHAR(92), CONCAT(CHAR(92), CHAR(92)))`;
  return `CONCAT('''', IF(@@SESSION.sql_mode LIKE '%NO_BACKSLASH_ESCAPES%', ${quotes}, ${escaped}), '''')`;
}
