/**
 * `migrator lint [RANGE]`: the rules of src/lint over revisions' upgrades.
 * RANGE: absent = every revision; `A:B`, `A:`, `:B` as in history; or one
 * target (`head`, an id, `LABEL@head`...). `+N`/`-N` count from the heads, as
 * in history ranges, so lint needs no database unless RANGE says `current`
 * or `sizes` asks for the findings' table sizes.
 */
import type { ResolvedConfig } from "../config/types";
import type { Executor } from "../db/types";
import type { RevisionGraph } from "../revisions/graph";
import { loadGraph } from "../revisions/load";
import { resolveRange } from "../revisions/range";
import { resolveRevisions } from "../revisions/target";
import { lintOperations, lintRevisionFile, type SilencedFinding } from "../lint/revision";
import type { LintFinding } from "../lint/types";
import { qualifiedKey, type QualifiedName } from "../model/types";
import { readCurrentWithGraph } from "../runtime/current-with-graph";

export interface LintOptions {
  readonly range?: string;
  /** Add each finding's table size from the database (one catalog query); lint stays offline without it. */
  readonly sizes?: boolean;
  /** An open connection for the sizes instead of connecting from the config (programmatic use, tests). */
  readonly executor?: Executor;
}

export interface LintedRevision {
  readonly revision: string;
  readonly path: string;
  readonly message: string;
  readonly findings: readonly LintFinding[];
  readonly silenced: readonly SilencedFinding[];
}

export interface LintResult {
  /** Every revision checked, oldest first (the order upgrade runs them). */
  readonly revisions: readonly LintedRevision[];
  readonly errors: number;
  readonly warnings: number;
  readonly silenced: number;
}

/** Whether the range needs the database's revisions (`current`). */
export function lintNeedsDatabase(range: string | undefined): boolean {
  return /\bcurrent\b/.test(range ?? "");
}

export async function lint(config: ResolvedConfig, options: LintOptions = {}): Promise<LintResult> {
  const { graph, current } = lintNeedsDatabase(options.range)
    ? await readCurrentWithGraph(config).then(({ graph: read, rows }) => ({ graph: read, current: rows }))
    : { graph: loadGraph(config), current: undefined };
  const ids = selected(graph, options.range, current);
  const revisions: LintedRevision[] = [];
  for (const id of ids) {
    const node = graph.get(id);
    const result = await lintRevisionFile(id, node.path, config.root, config.dialect, config.ddlLockTimeout);
    revisions.push({ revision: id, path: node.path, message: node.header.message, ...result });
  }
  const sized = options.sizes ? await withTableSizes(config, revisions, options.executor) : revisions;
  const all = sized.flatMap((revision) => revision.findings);
  return {
    revisions: sized,
    errors: all.filter((found) => found.severity === "error").length,
    warnings: all.filter((found) => found.severity === "warning").length,
    silenced: revisions.reduce((sum, revision) => sum + revision.silenced.length, 0),
  };
}

/** Every finding about a table with the table's size, read in one query. */
async function withTableSizes(config: ResolvedConfig, revisions: readonly LintedRevision[], executor: Executor | undefined): Promise<LintedRevision[]> {
  const tables = new Map<string, QualifiedName>();
  for (const revision of revisions) {
    for (const found of [...revision.findings, ...revision.silenced]) if (found.table !== undefined) tables.set(qualifiedKey(found.table), found.table);
  }
  const read = (ex: Executor) => config.dialect.catalog.tableSizes(ex, [...tables.values()]);
  const sizes = tables.size === 0 ? [] : executor ? await read(executor) : await config.dialect.runtime.withConnection(config.database, config.root, read);
  const byKey = new Map(sizes.map((sized) => [qualifiedKey(sized.table), sized.size]));
  const sizeOf = <F extends LintFinding>(found: F): F => (found.table === undefined ? found : { ...found, size: byKey.get(qualifiedKey(found.table)) ?? null });
  return revisions.map((revision) => ({ ...revision, findings: revision.findings.map(sizeOf), silenced: revision.silenced.map(sizeOf) }));
}

/** The revisions RANGE names, oldest first. */
function selected(graph: RevisionGraph, range: string | undefined, current: readonly string[] | undefined): string[] {
  const options = current === undefined ? {} : { current };
  if (range === undefined || range.includes(":") || range.trim() === "") return resolveRange(graph, range, options).reverse();
  const ids = new Set(resolveRevisions(graph, range, { ...options, relativeFrom: graph.heads }));
  return graph.downgradeOrder(ids).reverse();
}

/** autogenerate's operations, linted as the revision it writes (what `revision --autogenerate` prints on stderr). */
export async function lintGeneratedOperations(
  config: Pick<ResolvedConfig, "dialect" | "ddlLockTimeout">,
  ops: Parameters<typeof lintOperations>[0],
  options: { transactional: boolean },
): Promise<LintFinding[]> {
  return lintOperations(ops, { transactional: options.transactional, dialect: config.dialect.lint, ddlLockTimeout: config.ddlLockTimeout });
}
