/**
 * Statements that end, open or split the transaction a revision runs in
 * (COMMIT, ROLLBACK, BEGIN, SAVEPOINT, SET TRANSACTION...). Inside a
 * transactional revision one of them would keep half a revision while the
 * failure report says nothing was kept, so op.execute refuses them there.
 * Found by the first words of each statement of a (multi-statement) string,
 * past comments, never inside literals, quoted names or dollar-quoted bodies.
 */
import { skipQuoted } from "./offline";

/** Statement openings, in upper case, word by word (a prefix of the statement's words). */
const CONTROL: readonly (readonly string[])[] = [
  ["BEGIN"],
  ["START", "TRANSACTION"],
  ["COMMIT"],
  ["END"],
  ["ROLLBACK"],
  ["ABORT"],
  ["SAVEPOINT"],
  ["RELEASE"],
  ["PREPARE", "TRANSACTION"],
  ["SET", "TRANSACTION"],
];

/** The words that open the first transaction-control statement of `sql` (`COMMIT`, `START TRANSACTION`), or undefined. */
export function findTransactionControl(sql: string): string | undefined {
  for (const words of statementOpenings(sql)) {
    const found = CONTROL.find((control) => control.every((word, i) => words[i] === word));
    if (found !== undefined) return found.join(" ");
  }
  return undefined;
}

/**
 * The first three words of each statement, upper-cased. Semicolons inside an
 * SQL-standard function body (BEGIN ATOMIC ... END, with CASE ... END inside)
 * do not end the statement, as psql also counts them.
 */
function statementOpenings(sql: string): string[][] {
  const out: string[][] = [];
  let words: string[] = [];
  let depth = 0;
  let i = 0;
  const flush = (): void => {
    if (words.length > 0) out.push(words.slice(0, 3));
    words = [];
  };
  while (i < sql.length) {
    const end = skipQuoted(sql, i);
    if (end > i) {
      // a quoted name or literal is a word of the statement; comments are not
      if (sql[i] !== "-" && sql[i] !== "/") words.push("");
      i = end;
      continue;
    }
    const c = sql[i] ?? "";
    if (c === ";" && depth === 0) {
      flush();
      i += 1;
      continue;
    }
    const word = /^[\p{L}_][\p{L}\p{N}_$]*/u.exec(sql.slice(i, i + 64));
    if (word !== null) {
      const upper = word[0].toUpperCase();
      const previous = words[words.length - 1];
      if (upper === "ATOMIC" && previous === "BEGIN" && words.length > 1) depth += 1;
      else if (upper === "CASE" && depth > 0) depth += 1;
      else if (upper === "END" && depth > 0) depth -= 1;
      words.push(upper);
      i += word[0].length;
      continue;
    }
    if (!/\s/.test(c)) words.push(c);
    i += 1;
  }
  flush();
  return out;
}
