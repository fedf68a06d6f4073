/**
 * COMMENT takes only a quoted string, and no quoted form of a backslash
 * reads the same under both NO_BACKSLASH_ESCAPES settings. A statement with
 * such a comment is written with backslash escapes and run with
 * NO_BACKSLASH_ESCAPES off, the session's mode saved before and put back after.
 * Any other comment is a plain '...' literal, read alike under both.
 */
import { statement, type Statement } from "../../statement";
import { backslashEscaped, needsHex, quotedOnly } from "../quote";

/** Builds the statement with the comment quoting it needs, and the sql_mode statements around it when it needs them. */
export function withComments(comments: readonly (string | null)[], build: (quote: (text: string) => string) => string): Statement[] {
  if (!comments.some((c) => c !== null && needsHex(c))) return [statement(build(quotedOnly))];
  return withBackslashEscapes([statement(build(backslashEscaped))]);
}

/** `statements` run with NO_BACKSLASH_ESCAPES off, the session's sql_mode saved before and put back after. */
export function withBackslashEscapes(statements: readonly Statement[]): Statement[] {
  return [
    statement(
      "SET @migrator_sql_mode = @@SESSION.sql_mode, SESSION sql_mode = " +
        "TRIM(BOTH ',' FROM REPLACE(CONCAT(',', @@SESSION.sql_mode, ','), ',NO_BACKSLASH_ESCAPES,', ','))",
    ),
    ...statements,
    statement("SET SESSION sql_mode = @migrator_sql_mode"),
  ];
}
