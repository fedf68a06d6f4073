/**
 * The column forms built while the entities load. compare sends the catalog
 * read and then loads the entity files for a while; normalise can only
 * start once they are loaded, and its scratch build (a database, the forms
 * tables, the read, the drop) then waits for the server. But the forms
 * rarely change from one run to the next: the last run's are kept
 * (.migrator/cache/mysql-column-forms.json), and once the catalog read is
 * on its way the server builds and reads them in a scratch database of
 * their own, in one text that leaves the session as it was (names are
 * qualified; forms tables have no foreign keys to switch checks off for)
 * and drops the database at its end.
 *
 * It is only a guess of what to build: normalise uses what the server made
 * of it only when the model has nothing but plain tables, the server
 * (VERSION()), the database, its defaults and sql_mode are those the guess
 * was made for, and the forms tables normalise would create now are exactly
 * those built (same columns, same names, so the same statements), in this
 * session. Otherwise normalise builds its own, and writes the new forms.
 */
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { readVerifiedJson, writeVerifiedJson } from "../../../cache-files/verified-json";
import type { Executor } from "../../../db/types";
import { DEFAULT_SCHEMA, type ColumnModel, type TableModel } from "../../../model/types";
import { projectRootOf } from "../connection/connect";
import { resultSetsOf } from "../connection/executor";
import { catalogRows, catalogStatements, type CatalogRows } from "../introspect/queries";
import type { SessionFacts } from "../introspect/server";
import { formsTable, formsTableName } from "./column-forms";
import { createTableStatement, ident } from "./scratch-ddl";

/** What the forms were built for, and the forms tables' columns. */
export interface FormsHint {
  readonly format: 1;
  /** VERSION(). */
  readonly server: string;
  readonly database: string;
  readonly sqlMode: string;
  readonly charset: string;
  readonly collation: string;
  readonly forms: readonly (readonly ColumnModel[])[];
}

export interface EarlyForms {
  readonly hint: FormsHint;
  /** The scratch names' tag: normalise names its forms tables with it to compare them. */
  readonly tag: string;
  readonly database: string;
  readonly tables: readonly TableModel[];
  /** The read of the scratch database, or null when the server refused something. */
  readonly rows: Promise<CatalogRows | null>;
}

const started = new WeakMap<Executor, EarlyForms>();

function hintFile(root: string): string {
  return join(root, ".migrator", "cache", "mysql-column-forms.json");
}

export function formsPrefix(tag: string): string {
  return `migrator forms ${tag} `;
}

export function scratchDatabase(tag: string, index: number): string {
  return `migrator_scratch_${tag}_${index}`;
}

/**
 * The last run's forms, only as written: their column types and defaults go
 * into the scratch build's SQL before this run's entities can vouch for
 * them, so a damaged or edited file is no hint at all (verified-json.ts).
 */
function readHint(root: string): FormsHint | null {
  const hint = readVerifiedJson(hintFile(root)) as FormsHint | undefined;
  return hint !== undefined && hint !== null && hint.format === 1 && Array.isArray(hint.forms) ? hint : null;
}

/** Starts the build of the last run's forms on `executor`, when there were any for this server and database. */
export function startEarlyForms(executor: Executor, facts: SessionFacts): void {
  const root = projectRootOf(executor);
  const resultSets = resultSetsOf(executor);
  if (root === undefined || resultSets === undefined || process.env.MIGRATOR_NO_CACHE || started.has(executor)) return;
  const hint = readHint(root);
  if (hint === null || hint.server !== facts.versionText || hint.database !== facts.database || hint.forms.length === 0) return;
  const tag = randomBytes(5).toString("hex");
  const database = scratchDatabase(tag, 0);
  const tables = hint.forms.map((columns, i) => formsTable(DEFAULT_SCHEMA, formsTableName(formsPrefix(tag), i), columns));
  const names = { databaseOf: () => database, mariadb: facts.mariadb, backslashEscapes: !hint.sqlMode.split(",").includes("NO_BACKSLASH_ESCAPES") };
  const statements = [
    `CREATE DATABASE ${ident(database)} CHARACTER SET ${ident(hint.charset)} COLLATE ${ident(hint.collation)}`,
    ...tables.map((table) => createTableStatement(table, names)),
    ...catalogStatements([database], facts.mariadb),
    `DROP DATABASE ${ident(database)}`,
  ];
  const rows = resultSets(statements).then(
    (sets) => catalogRows(sets.slice(-8, -1)),
    async () => {
      await executor.exec(`DROP DATABASE IF EXISTS ${ident(database)}`).catch(() => undefined);
      return null;
    },
  );
  started.set(executor, { hint, tag, database, tables, rows });
}

/** The build started on `executor`, once (undefined when none was). */
export function takeEarlyForms(executor: Executor): EarlyForms | undefined {
  const early = started.get(executor);
  started.delete(executor);
  return early;
}

/** The hint for a normalise that built these forms tables (null when there is nothing to keep). */
export function hintFor(facts: SessionFacts, sqlMode: string, defaults: { charset: string; collation: string } | undefined, tables: readonly TableModel[]): FormsHint | null {
  if (defaults === undefined || tables.length === 0) return null;
  return { format: 1, server: facts.versionText, database: facts.database, sqlMode, charset: defaults.charset, collation: defaults.collation, forms: tables.map((table) => table.columns) };
}

/** Whether what was built early is what normalise would build now (`tables`: its forms tables, named with the early tag). */
export function builtAsNeeded(early: EarlyForms, now: FormsHint, tables: readonly TableModel[]): boolean {
  const was = early.hint;
  return (
    was.server === now.server &&
    was.database === now.database &&
    was.sqlMode === now.sqlMode &&
    was.charset === now.charset &&
    was.collation === now.collation &&
    JSON.stringify(early.tables) === JSON.stringify(tables)
  );
}

/** Keeps the hint for the next run, unless it is the one this run started from. */
export function keepHint(executor: Executor, hint: FormsHint | null, previous: FormsHint | undefined): void {
  const root = projectRootOf(executor);
  if (hint === null || root === undefined || process.env.MIGRATOR_NO_CACHE) return;
  if (previous !== undefined && JSON.stringify(previous) === JSON.stringify(hint)) return;
  writeVerifiedJson(hintFile(root), hint);
}
