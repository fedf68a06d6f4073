/**
 * An SQL revision file as a revision module: its upgrade and downgrade run
 * their statements in order through `op.execute`, so they take the same path
 * as a .ts revision's (batching, --sql, --dry-run, guards, log rows).
 * The file: the header (sql-header.ts), the upgrade SQL, a `-- @UNDO` line,
 * the downgrade SQL. Without that line the revision cannot be downgraded.
 * Everything wrong with the file is found when it loads, before any
 * statement runs, and named by file:line.
 */
import type { DialectSql, ScriptStatement } from "../dialect/sql";
import { RevisionError } from "../errors";
import type { Operations } from "../ops/operations";
import { UNDO_MARKER, parseSqlRevisionHeader } from "../revisions/sql-header";
import type { MigrationFunction, RevisionModule } from "./revision-module";

/** A statement and the line of the file it starts on. */
interface Located {
  readonly sql: string;
  readonly line: number;
}

/** `shown` is the file's path as messages name it. */
/** `sql`: the dialect reads the file as its own lexer would (strings, comments, transaction control). */
export function sqlRevisionModule(revision: string, text: string, shown: string, checksum: string, sql: DialectSql): RevisionModule {
  const header = parseSqlRevisionHeader(text, shown);
  if (header.revision !== revision) {
    throw new RevisionError(`${shown} says revision ${header.revision} but was listed as ${revision}`, {
      hint: "the file changed while migrator ran; run the command again",
    });
  }
  const transactional = header.transactional !== false;
  const marker = undoMarker(sql, text, shown);
  const upgrade = statementsOf(sql, text, 0, marker?.start ?? text.length, shown, transactional);
  const downgrade = marker === undefined ? undefined : statementsOf(sql, text, marker.end, text.length, shown, transactional);
  const irreversible = marker === undefined ? `revision ${revision} (${shown}) cannot be downgraded: the file has no \`-- @UNDO\` line and no downgrade SQL` : undefined;
  return {
    upgrade: run(upgrade),
    downgrade:
      downgrade === undefined
        ? () => {
            throw new RevisionError(irreversible as string, { hint: "add `-- @UNDO` and the downgrade SQL after the upgrade SQL" });
          }
        : run(downgrade),
    transactional,
    checksum,
    ...(header.ddlLockTimeout === undefined ? {} : { ddlLockTimeout: header.ddlLockTimeout }),
    ...(irreversible === undefined ? {} : { irreversible }),
  };
}

function run(statements: readonly Located[]): MigrationFunction {
  return async (op: Operations) => {
    for (const statement of statements) await op.execute(statement.sql);
  };
}

/** The statements of text[from, to), each with its line in the whole file. */
function statementsOf(sql: DialectSql, text: string, from: number, to: number, shown: string, transactional: boolean): Located[] {
  const section = text.slice(from, to);
  const { statements, unterminated } = sql.splitStatements(section);
  if (unterminated !== undefined) {
    throw new RevisionError(`${shown}:${lineAt(text, from + unterminated.at)}: unterminated ${unterminated.what}`, {
      hint: "close it; a statement ends at a `;` outside strings, quoted names, dollar quotes and comments",
    });
  }
  // statements come in order: one pass over the text counts their lines (a data file may hold thousands)
  const lines = new LineCounter(text);
  return statements.map((statement: ScriptStatement) => {
    const line = lines.at(from + statement.at);
    const control = transactional ? sql.findTransactionControl(statement.sql) : undefined;
    if (control !== undefined) {
      throw new RevisionError(`${shown}:${line}: ${control} inside the revision's transaction would break its atomicity`, {
        hint: "add `-- transactional: false` to the file's header to manage transactions yourself",
      });
    }
    return { sql: statement.sql, line };
  });
}

/**
 * The `-- @UNDO` line: a line comment alone on its line, outside strings,
 * dollar-quoted bodies and block comments. Its start and the offset past it.
 */
export function undoMarker(sql: DialectSql, text: string, shown: string): { start: number; end: number } | undefined {
  let found: { start: number; end: number; line: number } | undefined;
  let i = 0;
  while (i < text.length) {
    const region = sql.skipRegion(text, i);
    if (region === undefined) {
      i += 1;
      continue;
    }
    // an unterminated region is reported by the section's split, with its line
    if ("unterminated" in region) return found;
    const lineStart = text.lastIndexOf("\n", i - 1) + 1;
    if (region.comment && text[i] === "-") {
      const line = text.slice(lineStart, region.end).replace(/\r?\n$|\r$/, "");
      if (UNDO_MARKER.test(line)) {
        if (found !== undefined) {
          throw new RevisionError(`${shown}:${lineAt(text, i)}: a second \`-- @UNDO\` line (the first is line ${found.line})`, {
            hint: "a file has one `-- @UNDO` line, between the upgrade and the downgrade SQL",
          });
        }
        found = { start: lineStart, end: region.end, line: lineAt(text, i) };
      }
    }
    i = region.end;
  }
  return found;
}

/** Line numbers of increasing offsets, in one pass. */
class LineCounter {
  private line = 1;
  private offset = 0;

  constructor(private readonly text: string) {}

  at(offset: number): number {
    for (let i = this.text.indexOf("\n", this.offset); i >= 0 && i < offset; i = this.text.indexOf("\n", i + 1)) {
      this.line += 1;
      this.offset = i + 1;
    }
    return this.line;
  }
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) line += 1;
  return line;
}
