/**
 * One revision, linted: its upgrade read as statements (a .ts revision's
 * `upgrade(op)` run against a recording `op`, an .sql revision's upgrade SQL
 * parsed), the rules run over them, and the revision's silences applied.
 * Only the upgrade is read: it is what runs against the live database.
 */
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { MigratorError } from "../errors";
import { Operations } from "../ops/operations";
import type { OperationSink } from "../ops/sink";
import type { Operation } from "../ops/types";
import { parseSqlRevisionHeader, isSqlRevisionFile } from "../revisions/sql-header";
import { loadRevisionModule } from "../runtime/revision-module";
import { undoMarker } from "../runtime/sql-revision";
import { checkStatements, finding } from "./engine";
import { partlyRead, rulesOf, unreadable } from "./rules";
import { silencesOfExport, silencesOfSqlHeader, type Silences } from "./silences";
import type { Dialect } from "../dialect";
import type { DialectLint, LintFinding, LintStatement } from "./types";

export interface SilencedFinding extends LintFinding {
  readonly reason: string;
}

export interface RevisionLint {
  readonly findings: readonly LintFinding[];
  readonly silenced: readonly SilencedFinding[];
}

/**
 * Operations (autogenerate's, before or after it writes them) through the rules.
 * `ddlLockTimeout`: the project's (ms, null for none): the runner sets it before the revision runs.
 */
export async function lintOperations(
  ops: readonly Operation[],
  options: { transactional: boolean; dialect: DialectLint; ddlLockTimeout: number | null },
): Promise<LintFinding[]> {
  return checkStatements(await statementsOf(ops, options.dialect), {
    transactional: options.transactional,
    rules: rulesOf(options.dialect),
    runnerLockTimeout: options.ddlLockTimeout !== null,
  });
}

/** `ddlLockTimeout`: the project's (ms, null for none); the revision's own setting beats it, as when it runs. */
export async function lintRevisionFile(revision: string, file: string, root: string, dialect: Dialect, ddlLockTimeout: number | null): Promise<RevisionLint> {
  const read = await readRevision(revision, file, root, dialect);
  if ("failure" in read) return { findings: [read.failure], silenced: [] };
  const runnerLockTimeout = (read.ddlLockTimeout === undefined ? ddlLockTimeout : read.ddlLockTimeout) !== null;
  const findings = [...checkStatements(read.statements, { transactional: read.transactional, rules: rulesOf(dialect.lint), runnerLockTimeout }), ...read.notes];
  return applySilences(findings, read.silences);
}

function applySilences(findings: readonly LintFinding[], silences: Silences): RevisionLint {
  const kept: LintFinding[] = [...silences.problems];
  const silenced: SilencedFinding[] = [];
  for (const found of findings) {
    const reason = silences.reasons.get(found.code);
    if (reason === undefined) kept.push(found);
    else silenced.push({ ...found, reason });
  }
  return { findings: kept, silenced };
}

interface Read {
  readonly statements: readonly LintStatement[];
  readonly transactional: boolean;
  /** The revision's own lock_timeout for the runner to set (null: none; undefined: the project's). */
  readonly ddlLockTimeout?: number | null;
  readonly silences: Silences;
  /** Findings about the reading itself (M012). */
  readonly notes: readonly LintFinding[];
}

async function readRevision(revision: string, file: string, root: string, dialect: Dialect): Promise<Read | { failure: LintFinding }> {
  const shown = relative(root, file) || file;
  try {
    if (isSqlRevisionFile(file)) {
      const text = readFileSync(file, "utf8");
      const header = parseSqlRevisionHeader(text, shown);
      const upgradeSql = text.slice(0, undoMarker(dialect.sql, text, shown)?.start ?? text.length);
      return {
        statements: await dialect.lint.sql(upgradeSql, { line: 1 }, 1),
        transactional: header.transactional !== false,
        ...(header.ddlLockTimeout === undefined ? {} : { ddlLockTimeout: header.ddlLockTimeout }),
        silences: silencesOfSqlHeader(text, rulesOf(dialect.lint)),
        notes: [],
      };
    }
    const module = loadRevisionModule(revision, file, root, dialect);
    const recorded = await recordUpgrade(module.upgrade);
    const notes = recorded.stoppedAt === undefined ? [] : [finding(partlyRead, { message: `upgrade() calls op.query() (op ${recorded.stoppedAt}): lint stopped reading there` })];
    return {
      statements: await statementsOf(recorded.ops, dialect.lint),
      transactional: module.transactional,
      ...(module.ddlLockTimeout === undefined ? {} : { ddlLockTimeout: module.ddlLockTimeout }),
      silences: silencesOfExport(module.lint, rulesOf(dialect.lint)),
      notes,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { failure: finding(unreadable, { message: `the revision does not load: ${message}` }) };
  }
}

async function statementsOf(ops: readonly Operation[], dialect: DialectLint): Promise<LintStatement[]> {
  const statements: LintStatement[] = [];
  for (const [index, op] of ops.entries()) statements.push(...(await dialect.operation(op, { op: index + 1 })));
  return statements;
}

/** Raised by the recording sink's query(): lint has no database to answer it. */
class QueryNeeded extends Error {}

class LintSink implements OperationSink {
  readonly ops: Operation[] = [];

  async run(op: Operation): Promise<void> {
    this.ops.push(op);
  }

  async query(): Promise<never> {
    throw new QueryNeeded("op.query");
  }
}

async function recordUpgrade(upgrade: (op: Operations) => Promise<void> | void): Promise<{ ops: Operation[]; stoppedAt?: number }> {
  const sink = new LintSink();
  try {
    await upgrade(new Operations(sink));
  } catch (error) {
    if (error instanceof QueryNeeded) return { ops: sink.ops, stoppedAt: sink.ops.length + 1 };
    const message = error instanceof MigratorError || error instanceof Error ? error.message : String(error);
    throw new MigratorError(`upgrade() failed after ${sink.ops.length} operation(s): ${message}`, { cause: error });
  }
  return { ops: sink.ops };
}
