/**
 * The comments a revision body carries: a heading per block of ops on one
 * object, `destructive:` above an op that loses data, and in the downgrade
 * what the reverse cannot bring back.
 */
import { opTable } from "../diff/op-table";
import { DEFAULT_SCHEMA, type ColumnModel, type QualifiedName } from "../model/types";
import { describeOperation } from "../ops/describe";
import type { Irreversible } from "../ops/reverse";
import type { Operation } from "../ops/types";

/** `// text`, with line breaks written as escapes so the comment stays one line. */
export function commentLine(content: string): string {
  return `// ${content.replace(/\r\n|[\r\n\u2028\u2029]/g, (c) => JSON.stringify(c).slice(1, -1))}`;
}

function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** `"user"` in the default schema, `"audit"."log"` elsewhere. */
export function shownName(name: QualifiedName): string {
  return name.schema === DEFAULT_SCHEMA ? ident(name.name) : `${ident(name.schema)}.${ident(name.name)}`;
}

/** What a block of consecutive ops is about; ops with the same key share one heading. */
export interface Subject {
  readonly key: string;
  readonly heading: string | null;
}

function about(kind: string, name: string): Subject {
  return { key: `${kind}\u0000${name}`, heading: `${kind} ${name}` };
}

export function subjectOf(op: Operation): Subject {
  switch (op.kind) {
    case "createSchema":
    case "dropSchema":
      return about("schema", ident(op.schema));
    case "createExtension":
    case "dropExtension":
      return about("extension", ident(op.extension.name));
    case "createEnum":
    case "dropEnum":
    case "addEnumValue":
    case "renameEnumValue":
    case "renameEnum":
    case "recreateEnum":
      return about("enum", shownName(op.enum));
    case "renameSequence":
      return about("sequence", shownName(op.sequence));
    case "execute":
      return { key: "execute", heading: null };
    case "insertTypeormMetadata":
    case "deleteTypeormMetadata":
      // the rows TypeORM's own tools (migration:generate) read to diff views and generated columns
      return { key: `typeormMetadata\u0000${shownName(op.metadataTable)}`, heading: `TypeORM's bookkeeping in ${shownName(op.metadataTable)}, as synchronize keeps it` };
    default: {
      const table = opTable(op);
      if (table === null) return { key: op.kind, heading: null };
      // A view and the indexes of a materialized view share the view's block.
      const isView = op.kind === "createView" || op.kind === "dropView";
      return { key: `relation\u0000${shownName(table)}`, heading: `${isView ? "view" : "table"} ${shownName(table)}` };
    }
  }
}

/** What a reverse that runs still cannot bring back (the rows of a dropped table, ...), or undefined. */
export function unrestorableData(op: Operation): string | undefined {
  switch (op.kind) {
    case "dropTable":
      return `the rows of dropped table ${shownName(op.table)} (the table is recreated empty)`;
    case "dropColumn":
      return op.definition === undefined ? undefined : droppedColumnNote(op.table, op.definition);
    case "recreateEnum":
      // The conversion fails on rows holding a removed value, so nothing is lost.
      return undefined;
    default:
      return op.destructive === undefined ? undefined : `what the upgrade lost (it ${op.destructive})`;
  }
}

function droppedColumnNote(table: QualifiedName, column: ColumnModel): string | undefined {
  if (column.generated !== null) return undefined; // Recomputed from the other columns.
  const where = `${shownName(table)}.${ident(column.name)}`;
  let how: string;
  if (column.identity !== null || column.serial) how = "the column is recreated with new generated values";
  else if (column.default !== null) how = "the column is recreated with its default";
  else if (!column.nullable) how = "recreated NOT NULL without a default, the column cannot be added back while the table has rows";
  else how = "the column is recreated empty";
  return `the values of dropped column ${where} (${how})`;
}

/** Why an op has no reverse; the reason names the object, except for raw SQL, whose text is added. */
export function irreversibleNote(op: Operation, back: Irreversible): string {
  return op.kind === "execute" ? `${back.reason}: ${describeOperation(op)}` : back.reason;
}
