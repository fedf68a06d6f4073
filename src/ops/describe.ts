/** One line per operation for people: `check`, warnings, progress. */
import { qualified, quoteIdent, quoteLiteral } from "../dialect/postgres/quote";
import { DEFAULT_SCHEMA, type ColumnModel, type QualifiedName } from "../model/types";
import { assertNever, type Change, type Operation, type TypeormMetadataRow } from "./types";

/** `"table"."column"` in the default schema, `"schema"."table"."column"` elsewhere. */
function columnRef(table: QualifiedName, column: string): string {
  const prefix = table.schema === DEFAULT_SCHEMA ? quoteIdent(table.name) : qualified(table);
  return `${prefix}.${quoteIdent(column)}`;
}

function columnSummary(column: ColumnModel): string {
  const parts = [column.serial ? `${column.type} (serial)` : column.type];
  if (!column.nullable) parts.push("not null");
  if (column.default !== null) parts.push(`default ${column.default}`);
  if (column.identity !== null) parts.push(`identity ${column.identity.toLowerCase()}`);
  if (column.generated !== null) parts.push(`generated as (${column.generated})`);
  return parts.join(" ");
}

function shown(value: string | boolean | null | undefined): string {
  if (value === undefined) return "?";
  if (value === null) return "none";
  return typeof value === "boolean" ? String(value) : value;
}

function arrow<T extends string | boolean | null>(label: string, c: Change<T> | undefined): string[] {
  return c === undefined ? [] : [`${label} ${shown(c.from)} -> ${shown(c.to)}`];
}

function oneLine(sql: string, max = 60): string {
  const flat = sql.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 3)}...` : flat;
}

/** `view "public"."v"`, `generated column "public"."t"."c"`. */
function metadataRowLabel(row: TypeormMetadataRow): string {
  if (row.type === "GENERATED_COLUMN") return `generated column ${qualified({ schema: row.schema, name: row.table ?? "" })}.${quoteIdent(row.name)}`;
  return `${row.type === "VIEW" ? "view" : "materialized view"} ${qualified(row)}`;
}

export function describeOperation(op: Operation): string {
  switch (op.kind) {
    case "createSchema":
      return `create schema ${quoteIdent(op.schema)}`;
    case "dropSchema":
      return `drop schema ${quoteIdent(op.schema)}${op.cascade === true ? " cascade" : ""}`;
    case "createExtension":
      return `create extension ${quoteIdent(op.extension.name)}${op.extension.schema === null ? "" : ` in schema ${quoteIdent(op.extension.schema)}`}`;
    case "dropExtension":
      return `drop extension ${quoteIdent(op.extension.name)}`;
    case "createEnum":
      return `create enum ${qualified(op.enum)} (${op.enum.values.map(quoteLiteral).join(", ")})`;
    case "dropEnum":
      return `drop enum ${qualified(op.enum)}`;
    case "addEnumValue": {
      const where = op.before !== undefined ? ` before ${quoteLiteral(op.before)}` : op.after !== undefined ? ` after ${quoteLiteral(op.after)}` : "";
      return `add value ${quoteLiteral(op.value)} to enum ${qualified(op.enum)}${where}`;
    }
    case "renameEnumValue":
      return `rename value ${quoteLiteral(op.from)} of enum ${qualified(op.enum)} to ${quoteLiteral(op.to)}`;
    case "renameEnum":
      return `rename enum ${qualified(op.enum)} to ${quoteIdent(op.to)}`;
    case "recreateEnum":
      return `recreate enum ${qualified(op.enum)} (${op.previousValues.map(quoteLiteral).join(", ")}) -> (${op.values.map(quoteLiteral).join(", ")})`;
    case "createTable":
      return `create table ${qualified(op.table)} (${op.table.columns.length} columns)`;
    case "dropTable":
      return `drop table ${qualified(op.table)}`;
    case "renameTable":
      return `rename table ${qualified(op.table)} to ${quoteIdent(op.to)}`;
    case "addColumn":
      return `add column ${columnRef(op.table, op.column.name)} ${columnSummary(op.column)}`;
    case "dropColumn":
      return `drop column ${columnRef(op.table, op.column)}`;
    case "renameColumn":
      return `rename column ${columnRef(op.table, op.column)} to ${quoteIdent(op.to)}`;
    case "alterColumn": {
      const changes = [
        ...arrow("type", op.type),
        ...arrow("nullable", op.nullable),
        ...arrow("default", op.default),
        ...arrow("identity", op.identity),
        ...arrow("generated", op.generated),
        ...arrow("collation", op.collation),
        ...arrow("comment", op.comment),
      ];
      return `alter column ${columnRef(op.table, op.column)}: ${changes.join(", ")}`;
    }
    case "createIndex":
      return `create ${op.index.unique ? "unique " : ""}index ${quoteIdent(op.index.name)} on ${qualified(op.table)}`;
    case "dropIndex":
      return `drop index ${qualified({ schema: op.table.schema, name: op.name })}`;
    case "createPrimaryKey":
      return `add primary key ${quoteIdent(op.primaryKey.name)} on ${qualified(op.table)} (${op.primaryKey.columns.map(quoteIdent).join(", ")})`;
    case "createUniqueConstraint":
      return `add unique constraint ${quoteIdent(op.unique.name)} on ${qualified(op.table)} (${op.unique.columns.map(quoteIdent).join(", ")})`;
    case "createForeignKey":
      return `add foreign key ${quoteIdent(op.foreignKey.name)} on ${qualified(op.table)} -> ${qualified(op.foreignKey.referencedTable)}`;
    case "createCheckConstraint":
      return `add check constraint ${quoteIdent(op.check.name)} on ${qualified(op.table)}`;
    case "createExclusionConstraint":
      return `add exclusion constraint ${quoteIdent(op.exclusion.name)} on ${qualified(op.table)}`;
    case "dropConstraint":
      return `drop constraint ${quoteIdent(op.name)} on ${qualified(op.table)}`;
    case "renameConstraint":
      return `rename constraint ${quoteIdent(op.name)} on ${qualified(op.table)} to ${quoteIdent(op.to)}`;
    case "renameIndex":
      return `rename index ${qualified({ schema: op.table.schema, name: op.name })} to ${quoteIdent(op.to)}`;
    case "renameSequence":
      return `rename sequence ${qualified(op.sequence)} to ${quoteIdent(op.to)}`;
    case "setTableComment":
      return `${op.comment.to === null ? "remove" : "set"} comment on table ${qualified(op.table)}`;
    case "setColumnComment":
      return `${op.comment.to === null ? "remove" : "set"} comment on column ${columnRef(op.table, op.column)}`;
    case "createView":
      return `create ${op.view.materialized ? "materialized " : ""}view ${qualified(op.view)}`;
    case "dropView":
      return `drop ${op.materialized ? "materialized " : ""}view ${qualified(op.view)}`;
    case "execute":
      return `execute ${oneLine(op.sql)}`;
    case "bulkInsert":
      return `insert ${op.rows.length} row${op.rows.length === 1 ? "" : "s"} into ${qualified(op.table)}`;
    case "insertTypeormMetadata":
      return `insert TypeORM metadata into ${qualified(op.metadataTable)}: ${op.rows.map(metadataRowLabel).join(", ")}`;
    case "deleteTypeormMetadata":
      return `delete TypeORM metadata from ${qualified(op.metadataTable)}: ${op.rows.map(metadataRowLabel).join(", ")}`;
    default:
      return assertNever(op);
  }
}
