/**
 * The bodies of `upgrade()` and `downgrade()`: one statement per operation,
 * consecutive ops on one object under a heading comment, blocks separated by
 * a blank line. The downgrade is the reverse of each op, last op first.
 */
import type { Dialect } from "../dialect/dialect";
import type { DialectTypes } from "../model/dialect-types";
import { caution, cautionsInOrder } from "../ops/caution";
import { isIrreversible, reverse } from "../ops/reverse";
import type { Operation } from "../ops/types";
import { commentLine, irreversibleNote, subjectOf, unrestorableData, type Subject } from "./comments";
import { layout, LINE_WIDTH } from "./doc";
import type { RenderStyle } from "./entries";
import { operationDoc } from "./operation";
import { spellingFor, type RenderContext } from "./spelling";

/** The revision template indents the body by this much. */
const BODY_INDENT = 2;

/** One operation as a statement (`await op.addColumn(...);`), unindented, wrapped for the body. */
export function renderOperation(op: Operation, style: RenderStyle): string {
  return `${layout(operationDoc(op, style), 0, 0, 1, LINE_WIDTH - BODY_INDENT)};`;
}

/** A statement (or, for an op that has no reverse, only comments) with the comments above it. */
export interface Entry {
  readonly subject: Subject;
  readonly notes: readonly string[];
  readonly op?: Operation;
}

/** How a body writes its lines: TypeScript here, SQL for an .sql revision (sql-body.ts). */
export interface BodyWriter {
  readonly comment: (text: string) => string;
  readonly operation: (op: Operation) => string;
}

export function joinEntries(entries: readonly Entry[], writer: BodyWriter): string {
  const lines: string[] = [];
  let previous: Subject | undefined;
  for (const entry of entries) {
    if (previous === undefined || previous.key !== entry.subject.key) {
      if (previous !== undefined) lines.push("");
      if (entry.subject.heading !== null) lines.push(writer.comment(entry.subject.heading));
    }
    previous = entry.subject;
    lines.push(...entry.notes.map(writer.comment));
    if (entry.op !== undefined) lines.push(writer.operation(entry.op));
  }
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}

function typescript(style: RenderStyle): BodyWriter {
  return { comment: commentLine, operation: (op) => renderOperation(op, style) };
}

function destructiveNote(op: Operation): string[] {
  return op.destructive === undefined ? [] : [`destructive: ${op.destructive}`];
}

/** The marks above an op: what it loses, then what it risks. */
function marks(op: Operation): string[] {
  const risk = caution(op);
  return [...destructiveNote(op), ...(risk === undefined ? [] : [`caution: ${risk}`])];
}

export function cautions(ops: readonly Operation[]): string[] {
  return cautionsInOrder(ops).flatMap((risk) => risk ?? []);
}

export interface UpgradeBody {
  readonly body: string;
  /** What each destructive op loses, in order (for the CLI's warning). */
  readonly destructive: string[];
  /** What each op risks (see ops/caution), in order. */
  readonly cautions: string[];
}

/** The upgrade leaves out before-state only the downgrade needs (RenderStyle.beforeState). */
export function renderUpgrade(ops: readonly Operation[], types: DialectTypes, context: RenderContext = {}): UpgradeBody {
  const style: RenderStyle = { beforeState: false, spelling: spellingFor(ops, types, context) };
  return { body: joinEntries(upgradeEntries(ops), typescript(style)), destructive: destructiveOf(ops), cautions: cautions(ops) };
}

export function upgradeEntries(ops: readonly Operation[]): Entry[] {
  const risks = cautionsInOrder(ops);
  return ops.map((op, index): Entry => {
    const risk = risks[index];
    return { subject: subjectOf(op), notes: [...destructiveNote(op), ...(risk === undefined ? [] : [`caution: ${risk}`])], op };
  });
}

export function destructiveOf(ops: readonly Operation[]): string[] {
  return ops.flatMap((op) => (op.destructive === undefined ? [] : [op.destructive]));
}

export interface DowngradeBody {
  readonly body: string;
  /** The reverses, in the order the downgrade runs them (irreversible ops left out). */
  readonly ops: Operation[];
  /** What the downgrade cannot restore: ops without a reverse, and data a recreated object comes back without. */
  readonly irreversible: string[];
  /** What the reverses risk (see ops/caution), in the order they run. */
  readonly cautions: string[];
}

/** `ops` are the upgrade's; the downgrade reverses them, last first. */
export function renderDowngrade(ops: readonly Operation[], types: DialectTypes, context: RenderContext = {}): DowngradeBody {
  const { entries, reverses, irreversible } = downgradeEntries(ops, types);
  const style: RenderStyle = { beforeState: true, spelling: spellingFor(ops, types, context) };
  return { body: joinEntries(entries, typescript(style)), ops: reverses, irreversible, cautions: cautions(reverses) };
}

/** The downgrade's entries: each op's reverse, last op first, with what cannot be brought back. */
export function downgradeEntries(ops: readonly Operation[], types: DialectTypes): { entries: Entry[]; reverses: Operation[]; irreversible: string[] } {
  const entries: Entry[] = [];
  const reverses: Operation[] = [];
  const irreversible: string[] = [];
  for (const op of [...ops].reverse()) {
    const back = reverse(op, types);
    if (isIrreversible(back) && back.nothingToUndo === true) {
      entries.push({ subject: subjectOf(op), notes: [`nothing to undo: ${back.reason}`] });
      continue;
    }
    if (isIrreversible(back)) {
      const note = `cannot reverse: ${irreversibleNote(op, back)}`;
      irreversible.push(note);
      entries.push({ subject: subjectOf(op), notes: [note] });
      continue;
    }
    const lost = unrestorableData(op);
    const notes = lost === undefined ? [] : [`cannot restore: ${lost}`];
    irreversible.push(...notes);
    entries.push({ subject: subjectOf(back), notes: [...notes, ...marks(back)], op: back });
    reverses.push(back);
  }
  return { entries, reverses, irreversible };
}

export interface RevisionBodies {
  /** Body of `upgrade(op)`, unindented (the template indents it); empty when there are no ops. */
  readonly upgrades: string;
  readonly downgrades: string;
  /** Import lines the bodies need beyond `Operations` (none today: every argument is a literal). */
  readonly imports: string[];
  /** What the upgrade's destructive ops lose, one sentence each. */
  readonly destructive: string[];
  /** What the downgrade cannot restore, one sentence each. */
  readonly irreversible: string[];
  /** What the upgrade's, then the downgrade's ops risk: "the upgrade sets ... NOT NULL: ...". */
  readonly cautions: string[];
}

/**
 * `dialect` spells types and defaults and judges what reverses lose;
 * `context` (the differ's two models) lets defaults of columns the ops only
 * alter be spelled short too.
 */
export function renderRevisionBodies(ops: readonly Operation[], dialect: Pick<Dialect, "types">, context: RenderContext = {}): RevisionBodies {
  const upgrade = renderUpgrade(ops, dialect.types, context);
  const downgrade = renderDowngrade(ops, dialect.types, context);
  return {
    upgrades: upgrade.body,
    downgrades: downgrade.body,
    imports: [],
    destructive: upgrade.destructive,
    irreversible: downgrade.irreversible,
    cautions: revisionCautions(upgrade.cautions, downgrade.cautions),
  };
}

/** The cautions of a whole revision, as the CLI lists them: the upgrade's, then the downgrade's. */
export function revisionCautions(upgrade: readonly string[], downgrade: readonly string[]): string[] {
  return [...upgrade.map((c) => `the upgrade ${c}`), ...downgrade.map((c) => `the downgrade ${c}`)];
}
