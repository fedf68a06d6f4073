/**
 * Splitting a MySQL script into statements at the `;` that end them, as the
 * mysql client does with its default delimiter: a `;` inside a string, a
 * quoted name or a comment separates nothing, nor one inside a compound
 * statement's body (CREATE PROCEDURE/TRIGGER/EVENT ... BEGIN ... END, and
 * MariaDB's BEGIN NOT ATOMIC ... END), where CASE ... END nests and END IF,
 * END LOOP, END WHILE, END REPEAT close their own blocks. The client's
 * DELIMITER command is not SQL and is not read.
 */
import type { ScriptStatement, UnterminatedRegion } from "../../sql";
import { isIdentChar, skipRegion } from "./lexer";

const WORD = /[\p{L}_][\p{L}\p{N}_$]*/uy;
const BLOCK_ENDS = new Set(["IF", "LOOP", "WHILE", "REPEAT"]);

export function splitStatements(sql: string): { readonly statements: readonly ScriptStatement[]; readonly unterminated?: UnterminatedRegion } {
  const statements: ScriptStatement[] = [];
  let codeStart = -1;
  let codeEnd = -1;
  let depth = 0;
  let words: string[] = [];
  /** The word after END that closes a block of its own (END IF) or a CASE statement (END CASE). */
  let afterEnd = false;
  const code = (from: number, to: number): void => {
    if (codeStart < 0) codeStart = from;
    codeEnd = to;
  };
  const flush = (): void => {
    if (codeStart >= 0) statements.push({ sql: sql.slice(codeStart, codeEnd), at: codeStart });
    codeStart = codeEnd = -1;
    words = [];
    depth = 0;
  };
  let i = 0;
  while (i < sql.length) {
    const region = skipRegion(sql, i);
    if (region !== undefined) {
      if ("unterminated" in region) {
        code(i, sql.length);
        flush();
        return { statements, unterminated: region.unterminated };
      }
      if (!region.comment) {
        code(i, region.end);
        words.push("");
      }
      i = region.end;
      continue;
    }
    const c = sql[i]!;
    if (c === ";" && depth === 0) {
      flush();
      i += 1;
      continue;
    }
    WORD.lastIndex = i;
    const word = WORD.exec(sql);
    if (word !== null && !isIdentChar(sql[i - 1])) {
      const upper = word[0].toUpperCase();
      if (afterEnd) {
        afterEnd = false;
        if (upper === "CASE") depth -= 1;
      } else if (upper === "BEGIN" && opensBody(words, sql, i + word[0].length)) depth += 1;
      else if (upper === "CASE" && depth > 0) depth += 1;
      else if (upper === "END" && depth > 0) {
        const following = nextWord(sql, i + word[0].length);
        if (BLOCK_ENDS.has(following) || following === "CASE") afterEnd = true;
        if (following !== "CASE" && !BLOCK_ENDS.has(following)) depth -= 1;
      }
      words.push(upper);
      code(i, i + word[0].length);
      i += word[0].length;
      continue;
    }
    if (!/\s/.test(c)) {
      words.push(c);
      code(i, i + 1);
    }
    i += 1;
  }
  flush();
  return { statements };
}

/** BEGIN opens a body inside a statement, or as MariaDB's BEGIN NOT ATOMIC; a statement's own first BEGIN is a transaction. */
function opensBody(words: readonly string[], sql: string, after: number): boolean {
  if (words.length === 0) return nextWord(sql, after) === "NOT";
  return words[words.length - 1] !== "XA";
}

/** The next word after `from`, upper-cased, past blanks and comments. */
function nextWord(sql: string, from: number): string {
  let i = from;
  while (i < sql.length) {
    const region = skipRegion(sql, i);
    if (region !== undefined && "end" in region && region.comment) {
      i = region.end;
      continue;
    }
    if (/\s/.test(sql[i]!)) {
      i += 1;
      continue;
    }
    WORD.lastIndex = i;
    return WORD.exec(sql)?.[0].toUpperCase() ?? "";
  }
  return "";
}
