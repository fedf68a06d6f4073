/**
 * Splitting a PostgreSQL script (an SQL revision file's section) into
 * statements at the `;` that end them, as psql does: a `;` inside a
 * single-quoted string ('' and, in E'' strings, \' escapes), a quoted name,
 * a dollar-quoted body ($$ or $tag$), a -- or nested /* *\/ comment,
 * parentheses (CREATE RULE ... (a; b)) or an SQL-standard function body
 * (BEGIN ATOMIC ... END, with CASE ... END inside) separates nothing.
 * A plain '' string is read with standard_conforming_strings on (a
 * backslash is an ordinary character), PostgreSQL's default since 9.1.
 */

/** What is between two separators, as written. */
export interface SqlPiece {
  readonly text: string;
  /** Offset of the piece in the input. */
  readonly start: number;
  /** Offsets around the piece's code: from its first to past its last character that is no blank and no comment (equal when it has none). */
  readonly codeStart: number;
  readonly codeEnd: number;
}

export interface Unterminated {
  readonly what: "quoted string" | "quoted identifier" | "dollar-quoted string" | "block comment";
  /** Offset where it opens. */
  readonly at: number;
}

export interface SplitResult {
  /** Joined with `;`, the pieces are the input again (the last runs to the end). */
  readonly pieces: readonly SqlPiece[];
  /** A quoted region or comment still open at the end of the input (the last piece then ends inside it). */
  readonly unterminated?: Unterminated;
}

export interface SqlStatement {
  /** From its first to its last character of code: comments around it left out, those inside kept. */
  readonly sql: string;
  /** Offset of its first character in the input. */
  readonly at: number;
}

/** The statements of a script, empty ones (blanks and comments only) left out. */
export function splitStatements(sql: string): { readonly statements: readonly SqlStatement[]; readonly unterminated?: Unterminated } {
  const { pieces, unterminated } = splitSql(sql);
  const statements = pieces
    .filter((piece) => piece.codeEnd > piece.codeStart)
    .map((piece) => ({ sql: sql.slice(piece.codeStart, piece.codeEnd), at: piece.codeStart }));
  return unterminated === undefined ? { statements } : { statements, unterminated };
}

export function splitSql(sql: string): SplitResult {
  const pieces: SqlPiece[] = [];
  let start = 0;
  let codeStart = -1;
  let codeEnd = -1;
  // parentheses and BEGIN ATOMIC bodies: a `;` inside them ends nothing
  let parens = 0;
  let atomic = 0;
  let words: string[] = [];
  const code = (from: number, to: number): void => {
    if (codeStart < 0) codeStart = from;
    codeEnd = to;
  };
  let i = 0;
  while (i < sql.length) {
    const region = skipRegion(sql, i);
    if (region !== undefined) {
      if ("unterminated" in region) {
        code(i, sql.length);
        pieces.push(piece(sql, start, sql.length, codeStart, codeEnd));
        return { pieces, unterminated: region.unterminated };
      }
      if (!region.comment) {
        code(i, region.end);
        words.push("");
      }
      i = region.end;
      continue;
    }
    const c = sql[i] as string;
    if (c === ";" && parens === 0 && atomic === 0) {
      pieces.push(piece(sql, start, i, codeStart, codeEnd));
      start = i + 1;
      codeStart = codeEnd = -1;
      words = [];
      i += 1;
      continue;
    }
    WORD.lastIndex = i;
    const word = WORD.exec(sql);
    if (word !== null && !isIdentChar(sql[i - 1])) {
      const upper = word[0].toUpperCase();
      // BEGIN ATOMIC opens a body only inside a statement (a bare `BEGIN; ...` is a transaction)
      if (upper === "ATOMIC" && words[words.length - 1] === "BEGIN" && words.length > 1) atomic += 1;
      else if (upper === "CASE" && atomic > 0) atomic += 1;
      else if (upper === "END" && atomic > 0) atomic -= 1;
      words.push(upper);
      code(i, i + word[0].length);
      i += word[0].length;
      continue;
    }
    if (!/\s/.test(c)) {
      if (c === "(") parens += 1;
      else if (c === ")" && parens > 0) parens -= 1;
      words.push(c);
      code(i, i + 1);
    }
    i += 1;
  }
  pieces.push(piece(sql, start, sql.length, codeStart, codeEnd));
  return { pieces };
}

const WORD = /[\p{L}_][\p{L}\p{N}_$]*/uy;

function piece(sql: string, start: number, end: number, codeStart: number, codeEnd: number): SqlPiece {
  return codeStart < 0 ? { text: sql.slice(start, end), start, codeStart: start, codeEnd: start } : { text: sql.slice(start, end), start, codeStart, codeEnd };
}

/** Characters that continue an identifier (so a `$` or `'` after one opens nothing). */
function isIdentChar(c: string | undefined): boolean {
  return c !== undefined && /[\p{L}\p{N}_$]/u.test(c);
}

type Region = { readonly end: number; readonly comment: boolean } | { readonly unterminated: Unterminated };

/** The quoted region or comment opening at `i`: where it ends, or that it does not; undefined when none opens there. */
export function skipRegion(sql: string, i: number): Region | undefined {
  const c = sql[i];
  const next = sql[i + 1];
  if (c === "'") {
    // E'...' (not the end of a longer name) takes backslash escapes
    const escapes = (sql[i - 1] === "E" || sql[i - 1] === "e") && !isIdentChar(sql[i - 2]);
    return closeAt(untilQuote(sql, i + 1, "'", escapes), false, { what: "quoted string", at: escapes ? i - 1 : i });
  }
  if (c === '"') return closeAt(untilQuote(sql, i + 1, '"', false), false, { what: "quoted identifier", at: i });
  if (c === "-" && next === "-") {
    // a line ends at \n or \r for PostgreSQL's lexer
    LINE_END.lastIndex = i;
    const m = LINE_END.exec(sql);
    return { end: m === null ? sql.length : m.index + 1, comment: true };
  }
  if (c === "/" && next === "*") return closeAt(blockCommentEnd(sql, i), true, { what: "block comment", at: i });
  if (c === "$" && !isIdentChar(sql[i - 1])) {
    DOLLAR_TAG.lastIndex = i;
    const tag = DOLLAR_TAG.exec(sql);
    if (tag !== null) {
      const close = sql.indexOf(tag[0], i + tag[0].length);
      return closeAt(close < 0 ? -1 : close + tag[0].length, false, { what: "dollar-quoted string", at: i });
    }
  }
  return undefined;
}

const LINE_END = /[\r\n]/g;

/** `$$` or `$tag$`; a tag starts with a letter or _ (so `$1` is a parameter) and has no `$`. */
const DOLLAR_TAG = /\$(?:[\p{L}_][\p{L}\p{N}_]*)?\$/uy;

function closeAt(end: number, comment: boolean, unterminated: Unterminated): Region {
  return end < 0 ? { unterminated } : { end, comment };
}

/** Past the closing quote (a doubled one is part of the text), or -1. */
function untilQuote(sql: string, from: number, quote: string, escapes: boolean): number {
  let i = from;
  while (i < sql.length) {
    const c = sql[i];
    if (escapes && c === "\\") {
      i += 2;
      continue;
    }
    if (c === quote) {
      if (sql[i + 1] !== quote) return i + 1;
      i += 2;
      continue;
    }
    i += 1;
  }
  return -1;
}

/** Block comments nest in PostgreSQL. Past the closing `*\/`, or -1. */
function blockCommentEnd(sql: string, from: number): number {
  let depth = 0;
  let i = from;
  while (i < sql.length) {
    if (sql[i] === "/" && sql[i + 1] === "*") {
      depth += 1;
      i += 2;
    } else if (sql[i] === "*" && sql[i + 1] === "/") {
      depth -= 1;
      i += 2;
      if (depth === 0) return i;
    } else i += 1;
  }
  return -1;
}
