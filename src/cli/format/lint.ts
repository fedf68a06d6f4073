/** `migrator lint` for people, and one finding as a stderr note (revision --autogenerate). */
import { relative } from "node:path";
import type { LintResult } from "../../commands/lint";
import type { LintFinding, LintLocation } from "../../lint/types";
import { displayTable } from "../../model/names";
import { qualifiedKey } from "../../model/types";
import { sizeText } from "./estimate";

/**
 * Per revision with findings: its file and id, then each finding:
 *   op 2: create index "ix" on "public"."t"
 *     error M001 index-without-concurrently: ...
 *       fix: ...
 * and a summary line.
 */
export function formatLint(result: LintResult, cwd: string): string {
  const out: string[] = [];
  for (const revision of result.revisions) {
    if (revision.findings.length === 0 && revision.silenced.length === 0) continue;
    out.push(`${relative(cwd, revision.path) || revision.path} (${revision.revision}${revision.message === "" ? "" : `, ${revision.message}`})`);
    let previous: LintFinding | undefined;
    for (const found of revision.findings) {
      const same = previous !== undefined && sameStatement(previous, found);
      // a statement's size is said once, under its first finding about the table
      out.push(...findingLines(found, "  ", same, same && previous?.size !== undefined && sameTable(previous, found)));
      previous = found;
    }
    for (const found of revision.silenced) out.push(`  silenced ${found.code} ${found.rule}${where(found.at)}: ${found.reason}`);
    out.push("");
  }
  out.push(summary(result));
  return `${out.join("\n")}\n`;
}

function sameTable(a: LintFinding, b: LintFinding): boolean {
  return a.table !== undefined && b.table !== undefined && qualifiedKey(a.table) === qualifiedKey(b.table);
}

function sameStatement(a: LintFinding, b: LintFinding): boolean {
  return a.statement === b.statement && JSON.stringify(a.at) === JSON.stringify(b.at);
}

/** `shown`: the statement line is already printed above (several findings on one statement); `sizeShown`: its table's size too. */
function findingLines(found: LintFinding, indent: string, shown: boolean, sizeShown = false): string[] {
  const lines: string[] = [];
  if (found.statement !== undefined && !shown) lines.push(`${indent}${location(found.at)}${found.statement}`);
  const inner = found.statement === undefined ? indent : `${indent}  `;
  lines.push(`${inner}${found.severity} ${found.code} ${found.rule}: ${found.message}`, `${inner}  fix: ${found.fix}`);
  if (found.table !== undefined && found.size !== undefined && !sizeShown) lines.push(`${inner}  size: ${displayTable(found.table)} ${sizeText(found.size)}`);
  return lines;
}

/** One finding on one line, for stderr: `lint: error M001 index-without-concurrently (op 2): ... (fix: ...)`. */
export function formatLintNote(found: LintFinding): string {
  return `lint: ${found.severity} ${found.code} ${found.rule}${where(found.at)}: ${found.message}\n  fix: ${found.fix}`;
}

function location(at: LintLocation | undefined): string {
  if (at === undefined) return "";
  return "op" in at ? `op ${at.op}: ` : `line ${at.line}: `;
}

function where(at: LintLocation | undefined): string {
  if (at === undefined) return "";
  return "op" in at ? ` (op ${at.op})` : ` (line ${at.line})`;
}

function summary(result: LintResult): string {
  const count = (n: number, what: string): string => `${n} ${what}${n === 1 ? "" : "s"}`;
  const parts = [count(result.errors, "error"), count(result.warnings, "warning")];
  if (result.silenced > 0) parts.push(`${result.silenced} silenced`);
  return `${parts.join(", ")} in ${count(result.revisions.length, "revision")}`;
}
