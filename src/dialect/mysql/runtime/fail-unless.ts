/**
 * Failing a statement on a condition, without a stored procedure (MySQL has
 * no DO block, and SIGNAL outside a stored program is MariaDB's alone), in a
 * way that carries a note and holds under every sql_mode: when `ok` is not
 * true, two equal rows `~<note>` go into the version table, whose primary
 * key refuses the second ("Duplicate entry '~note' for key 'PRIMARY'"), and
 * the statement is undone whole. Functions that fail on their argument
 * (EXTRACTVALUE with a bad XPath) will not do: the server checks a constant
 * argument when it prepares the statement, whichever branch is taken.
 */
export function failUnless(versionTable: string, ok: string, note: string): string {
  return (
    `INSERT INTO ${versionTable} (version_num) SELECT LEFT(CONCAT('~', ${note}), 64) ` +
    `FROM (SELECT 1 AS n UNION ALL SELECT 2) AS migrator_twice WHERE NOT COALESCE(${ok}, FALSE)`
  );
}

/** The note of a failUnless failure, when `error` is one. */
export function failureNote(error: unknown): string | undefined {
  const message = error instanceof Error ? error.message : String(error);
  return /Duplicate entry '~(.*)' for key/s.exec(message)?.[1];
}
