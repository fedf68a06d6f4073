/**
 * Statements that end, open or split a transaction on MySQL: START
 * TRANSACTION, BEGIN [WORK] (not MariaDB's BEGIN NOT ATOMIC, a compound
 * statement), COMMIT, ROLLBACK, SAVEPOINT, RELEASE SAVEPOINT, SET
 * TRANSACTION, SET autocommit, XA, and LOCK/UNLOCK TABLES (which commit).
 * Found by the first words of each statement, past comments, never inside
 * strings or quoted names.
 */
import { splitStatements } from "./split-statements";
import { skipRegion } from "./lexer";

const CONTROL: readonly RegExp[] = [
  /^START TRANSACTION\b/,
  /^BEGIN(?! NOT ATOMIC\b)\b/,
  /^COMMIT\b/,
  /^ROLLBACK\b/,
  /^SAVEPOINT\b/,
  /^RELEASE SAVEPOINT\b/,
  /^SET (?:(?:SESSION|LOCAL|GLOBAL) )?TRANSACTION\b/,
  /^SET (?:(?:SESSION|LOCAL) |@@ ?(?:(?:SESSION|LOCAL) ?\. ?)?)?AUTOCOMMIT\b/,
  /^XA\b/,
  /^LOCK TABLES?\b/,
  /^UNLOCK TABLES?\b/,
];

/** The statement's opening, upper case (`START TRANSACTION`, `SET AUTOCOMMIT`), or undefined when none of `sql`'s statements controls the transaction. */
export function findTransactionControl(sql: string): string | undefined {
  for (const statement of splitStatements(sql).statements) {
    const words = openingWords(statement.sql);
    for (const pattern of CONTROL) {
      const m = pattern.exec(words);
      if (m !== null) return m[0].replace(/@@ ?(?:(?:SESSION|LOCAL) ?\. ?)?AUTOCOMMIT$/, "AUTOCOMMIT");
    }
  }
  return undefined;
}

/** The first words of a statement upper-cased and single-spaced, comments left out, a quoted region as `?`. */
function openingWords(sql: string): string {
  const out: string[] = [];
  let i = 0;
  while (i < sql.length && out.length < 8) {
    const region = skipRegion(sql, i);
    if (region !== undefined) {
      if (!("end" in region)) break;
      if (!region.comment) out.push("?");
      i = region.end;
      continue;
    }
    const word = /^[\p{L}_][\p{L}\p{N}_$]*/u.exec(sql.slice(i, i + 64));
    if (word !== null) {
      out.push(word[0].toUpperCase());
      i += word[0].length;
      continue;
    }
    if (!/\s/.test(sql[i]!)) out.push(sql[i]!);
    i += 1;
  }
  return out.join(" ").replace(/@ @/g, "@@");
}
