/**
 * `migrator lint [RANGE]`: the rules of src/lint over revisions' upgrades.
 * RANGE: absent = every revision; `A:B`, `A:`, `:B` as in history; or one
 * target (`head`, an id, `LABEL@head`...). `+N`/`-N` count from the heads, as
 * in history ranges, so lint needs no database unless RANGE says `current`.
 */
import type { ResolvedConfig } from "../config/types";
import type { RevisionGraph } from "../revisions/graph";
import { loadGraph } from "../revisions/load";
import { resolveRange } from "../revisions/range";
import { resolveRevisions } from "../revisions/target";
import { lintOperations, lintRevisionFile, type SilencedFinding } from "../lint/revision";
import type { LintFinding } from "../lint/types";
import { readCurrentWithGraph } from "../runtime/current-with-graph";

export interface LintOptions {
  readonly range?: string;
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
  const all = revisions.flatMap((revision) => revision.findings);
  return {
    revisions,
    errors: all.filter((found) => found.severity === "error").length,
    warnings: all.filter((found) => found.severity === "warning").length,
    silenced: revisions.reduce((sum, revision) => sum + revision.silenced.length, 0),
  };
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
