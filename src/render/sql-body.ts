/**
 * Operations -> the two SQL sections of an .sql revision (`revision
 * --autogenerate --sql-file`): each operation's statements as `--sql` prints
 * them (parameters written as literals), under the same comments as a .ts
 * revision's body (`-- table "user"`, `-- destructive: ...`, `-- cannot
 * reverse: ...`). Each section is split again as the runner will split it,
 * and must give back exactly the statements written.
 */
import type { Dialect } from "../dialect/dialect";
import type { DialectSql } from "../dialect/sql";
import { MigratorError } from "../errors";
import type { Operation } from "../ops/types";
import { type BodyWriter, cautions, destructiveOf, downgradeEntries, joinEntries, revisionCautions, upgradeEntries } from "./body";
import { commentLine } from "./comments";

export interface SqlRevisionBodies {
  readonly upgrades: string;
  readonly downgrades: string;
  /** What the upgrade's destructive ops lose, one sentence each. */
  readonly destructive: string[];
  /** What the downgrade cannot restore, one sentence each. */
  readonly irreversible: string[];
  /** What the upgrade's, then the downgrade's ops risk (see ops/caution). */
  readonly cautions: string[];
  /** Some statement cannot run in a transaction: the file says `-- transactional: false`. */
  readonly nonTransactional: boolean;
}

/** `dialect` writes each op's statements and reads the sections back as the runner will. */
export function renderSqlRevisionBodies(ops: readonly Operation[], dialect: Pick<Dialect, "sql" | "types">): SqlRevisionBodies {
  const up = sqlWriter(dialect.sql);
  const upgrades = joinEntries(upgradeEntries(ops), up);
  const down = downgradeEntries(ops, dialect.types);
  const downWriter = sqlWriter(dialect.sql);
  const downgrades = joinEntries(down.entries, downWriter);
  checkReadsBack(upgrades, up.written, "upgrade", dialect.sql);
  checkReadsBack(downgrades, downWriter.written, "downgrade", dialect.sql);
  return {
    upgrades,
    downgrades,
    destructive: destructiveOf(ops),
    irreversible: down.irreversible,
    cautions: revisionCautions(cautions(ops), cautions(down.reverses)),
    nonTransactional: up.nonTransactional || downWriter.nonTransactional,
  };
}

interface SqlWriter extends BodyWriter {
  /** Each statement written, without its `;`. */
  readonly written: string[];
  readonly nonTransactional: boolean;
}

function sqlWriter(sql: DialectSql): SqlWriter {
  const written: string[] = [];
  let nonTransactional = false;
  return {
    written,
    get nonTransactional() {
      return nonTransactional;
    },
    // `-- text`, line breaks escaped as in a .ts body's comments
    comment: (text) => `--${commentLine(text).slice(2)}`,
    operation: (op) =>
      sql
        .toSql(op)
        .map((statement) => {
          if (statement.transactional === false) nonTransactional = true;
          const text = sql.toOfflineSql(statement).trim().replace(/;$/, "").trimEnd();
          written.push(text);
          return `${text};`;
        })
        .join("\n"),
  };
}

/**
 * The runner splits the file again: each statement must come back as it
 * splits on its own (a dialect statement may open with a comment, which the
 * split leaves out), none may spill into the next.
 */
function checkReadsBack(section: string, written: readonly string[], which: string, sql: DialectSql): void {
  const read = sql.splitStatements(section).statements.map((s) => s.sql);
  let at = 0;
  for (const statement of written) {
    const own = sql.splitStatements(statement);
    const expected = own.statements.map((s) => s.sql);
    if (own.unterminated !== undefined || expected.some((sql, i) => read[at + i] !== sql)) {
      throw new MigratorError(`the ${which} cannot be written as an .sql revision: this statement would not read back as written: ${statement.slice(0, 120)}`, {
        hint: "write a .ts revision instead (without --sql-file)",
      });
    }
    at += expected.length;
  }
  if (at !== read.length) throw new MigratorError(`the ${which} cannot be written as an .sql revision: it would read back as ${read.length} statements, not ${at}`);
}
