/**
 * A tiny layout engine for the calls a revision holds. Code is built as a
 * tree of documents; `layout` prints each node on one line when it fits the
 * width and breaks it (one item per line, trailing commas) when it does not.
 * A call whose last argument is an object or array keeps its head on the
 * first line and breaks only that argument, as Prettier does.
 */

/** Width of a line in the written file, indentation of the function body included. */
export const LINE_WIDTH = 100;
/** How far past LINE_WIDTH a `keepTogether` list may run before it breaks after all. */
export const KEEP_TOGETHER_SLACK = 20;

export type Doc = TextDoc | ListDoc | PrefixedDoc | CallDoc;

/** Source that never breaks (a literal, a name). */
export interface TextDoc {
  readonly kind: "text";
  readonly text: string;
}

/**
 * `{ a, b }` or `[a, b]`. `forceBreak` puts one item per line whatever the
 * width; `keepTogether` lets the list run past the width by up to
 * KEEP_TOGETHER_SLACK to stay on one line (a column spec reads best whole).
 */
export interface ListDoc {
  readonly kind: "list";
  readonly open: "{" | "[";
  readonly items: readonly Doc[];
  readonly forceBreak: boolean;
  readonly keepTogether?: boolean;
}

/** `key: value`: the value breaks below the line the prefix starts. */
export interface PrefixedDoc {
  readonly kind: "prefixed";
  readonly prefix: string;
  readonly doc: Doc;
}

/** `callee(arg, arg)`. */
export interface CallDoc {
  readonly kind: "call";
  readonly callee: string;
  readonly args: readonly Doc[];
}

export function text(source: string): TextDoc {
  return { kind: "text", text: source };
}

export function list(open: "{" | "[", items: readonly Doc[], forceBreak = false): ListDoc {
  return { kind: "list", open, items, forceBreak };
}

export function together(doc: ListDoc): ListDoc {
  return { ...doc, forceBreak: false, keepTogether: true };
}

export function prefixed(prefix: string, doc: Doc): PrefixedDoc {
  return { kind: "prefixed", prefix, doc };
}

export function call(callee: string, args: readonly Doc[]): CallDoc {
  return { kind: "call", callee, args };
}

function closeOf(open: "{" | "["): "}" | "]" {
  return open === "{" ? "}" : "]";
}

/** The one-line form, or null when the node must break. */
export function flat(doc: Doc): string | null {
  switch (doc.kind) {
    case "text":
      return doc.text;
    case "prefixed": {
      const inner = flat(doc.doc);
      return inner === null ? null : doc.prefix + inner;
    }
    case "list": {
      if (doc.items.length === 0) return doc.open + closeOf(doc.open);
      if (doc.forceBreak) return null;
      const items = joinFlat(doc.items);
      if (items === null) return null;
      return doc.open === "{" ? `{ ${items} }` : `[${items}]`;
    }
    case "call": {
      const args = joinFlat(doc.args);
      return args === null ? null : `${doc.callee}(${args})`;
    }
  }
}

function joinFlat(docs: readonly Doc[]): string | null {
  const parts: string[] = [];
  for (const doc of docs) {
    const part = flat(doc);
    if (part === null) return null;
    parts.push(part);
  }
  return parts.join(", ");
}

/**
 * Print `doc` starting at column `used` of a line indented by `indent`, with
 * `trailing` characters still to follow on its last line.
 */
export function layout(doc: Doc, indent = 0, used = indent, trailing = 0, width = LINE_WIDTH): string {
  const oneLine = flat(doc);
  const room = doc.kind === "list" && doc.keepTogether === true ? width + KEEP_TOGETHER_SLACK : width;
  if (oneLine !== null && used + oneLine.length + trailing <= room) return oneLine;
  switch (doc.kind) {
    case "text":
      return doc.text;
    case "prefixed":
      return doc.prefix + layout(doc.doc, indent, used + doc.prefix.length, trailing, width);
    case "list": {
      if (doc.items.length === 0) return doc.open + closeOf(doc.open);
      return `${doc.open}\n${brokenItems(doc.items, indent + 2, width)}\n${" ".repeat(indent)}${closeOf(doc.open)}`;
    }
    case "call":
      return layoutCall(doc, indent, used, trailing, width);
  }
}

function brokenItems(items: readonly Doc[], indent: number, width: number): string {
  const pad = " ".repeat(indent);
  return items.map((item) => `${pad}${layout(item, indent, indent, 1, width)},`).join("\n");
}

function layoutCall(doc: CallDoc, indent: number, used: number, trailing: number, width: number): string {
  const last = doc.args[doc.args.length - 1];
  const head = joinFlat(doc.args.slice(0, -1));
  if (last !== undefined && last.kind === "list" && last.items.length > 0 && head !== null) {
    const start = `${doc.callee}(${head === "" ? "" : `${head}, `}`;
    if (used + start.length + 1 <= width) return `${start}${layout(last, indent, used + start.length, trailing + 1, width)})`;
  }
  if (doc.args.length === 0) return `${doc.callee}()`;
  return `${doc.callee}(\n${brokenItems(doc.args, indent + 2, width)}\n${" ".repeat(indent)})`;
}
