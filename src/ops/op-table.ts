import type { QualifiedName } from "../model/types";
import { assertNever, type Operation } from "./types";

/**
 * The table (or view) an op belongs to, for the renderer's per-table headings;
 * null for ops about the schema as a whole (schemas, extensions, enums, raw SQL).
 */
export function opTable(op: Operation): QualifiedName | null {
  switch (op.kind) {
    case "createSchema":
    case "dropSchema":
    case "createExtension":
    case "dropExtension":
    case "createEnum":
    case "dropEnum":
    case "addEnumValue":
    case "renameEnumValue":
    case "renameEnum":
    case "recreateEnum":
    case "renameSequence":
    case "execute":
      return null;
    case "createTable":
      return { schema: op.table.schema, name: op.table.name };
    case "createView":
      return { schema: op.view.schema, name: op.view.name };
    case "dropView":
      return op.view;
    case "dropTable":
    case "renameTable":
    case "addColumn":
    case "dropColumn":
    case "renameColumn":
    case "alterColumn":
    case "createIndex":
    case "dropIndex":
    case "createPrimaryKey":
    case "createUniqueConstraint":
    case "createForeignKey":
    case "createCheckConstraint":
    case "createExclusionConstraint":
    case "validateConstraint":
    case "dropConstraint":
    case "renameConstraint":
    case "renameIndex":
    case "setTableComment":
    case "setColumnComment":
    case "bulkInsert":
    case "backfill":
      return op.table;
    case "insertTypeormMetadata":
    case "deleteTypeormMetadata":
      return op.metadataTable;
    default:
      return assertNever(op);
  }
}
