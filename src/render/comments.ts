/**
 * The comments a revision body carries: a heading per block of ops on one
 * object, `destructive:` above an op that loses data, and in the downgrade
 * what the reverse cannot bring back.
 */
import { opTable } from "../ops/op-table";
import { displayColumn, displayIdent, displayTable } from "../model/names";
import type { ColumnModel, QualifiedName } from "../model/types";
import { describeOperation } from "../ops/describe";
import type { Irreversible } from "../ops/reverse";
import type { Operation } from "../ops/types";

/** `// text`, with line breaks written as escapes so the comment stays one line. */
export function commentLine(content: string): string {
  return `// ${content.replace(/\r\n|[\r\n\u2028\u2029]/g, (c) => JSON.stringify(c).slice(1, -1))}`;
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
      return about("schema", displayIdent(op.schema));
    case "createExtension":
    case "dropExtension":
      return about("extension", displayIdent(op.extension.name));
    case "createEnum":
    case "dropEnum":
    case "addEnumValue":
    case "renameEnumValue":
    case "renameEnum":
    case "recreateEnum":
      return about("enum", displayTable(op.enum));
    case "renameSequence":
      return about("sequence", displayTable(op.sequence));
    case "execute":
      return { key: "execute", heading: null };
    case "insertTypeormMetadata":
    case "deleteTypeormMetadata":
      // the rows TypeORM's own tools (migration:generate) read to diff views and generated columns
      return { key: `typeormMetadata\u0000${displayTable(op.metadataTable)}`, heading: `TypeORM's bookkeeping in ${displayTable(op.metadataTable)}, as synchronize keeps it` };
    default: {
      const table = opTable(op);
      if (table === null) return { key: op.kind, heading: null };
      // A view and the indexes of a materialized view share the view's block.
      const isView = op.kind === "createView" || op.kind === "dropView";
      return { key: `relation\u0000${displayTable(table)}`, heading: `${isView ? "view" : "table"} ${displayTable(table)}` };
    }
  }
}

/** What a reverse that runs still cannot bring back (the rows of a dropped table, ...), or undefined. */
export function unrestorableData(op: Operation): string | undefined {
  switch (op.kind) {
    case "dropTable":
      return `the rows of dropped table ${displayTable(op.table)} (the table is recreated empty)`;
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
  const where = displayColumn(table, column.name);
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
