/** One line per operation for people: `check`, warnings, progress. */
import { displayColumn, displayIdent, displayLiteral, displayQualified } from "../model/names";
import type { ColumnModel } from "../model/types";
import { COLUMN_PROPERTY_KEYS } from "./column-properties";
import { assertNever, type Change, type ColumnPosition, type Operation, type TypeormMetadataRow } from "./types";

function columnSummary(column: ColumnModel): string {
  const parts = [column.serial ? `${column.type} (serial)` : column.type];
  if (!column.nullable) parts.push("not null");
  if (column.default !== null) parts.push(`default ${column.default}`);
  if (column.identity !== null) parts.push(`identity ${column.identity.toLowerCase()}`);
  if (column.generated !== null) parts.push(`generated as (${column.generated})`);
  return parts.join(" ");
}

/** Where a column is added (MySQL's FIRST/AFTER); nothing when last. */
function placed(position: ColumnPosition | undefined): string {
  if (position === undefined) return "";
  return "first" in position ? ", first" : `, after ${displayIdent(position.after)}`;
}

function shown(value: string | boolean | null | undefined): string {
  if (value === undefined) return "?";
  if (value === null) return "none";
  return typeof value === "boolean" ? String(value) : value;
}

function arrow(label: string, c: Change<string | boolean | null> | undefined): string[] {
  return c === undefined ? [] : [`${label} ${shown(c.from)} -> ${shown(c.to)}`];
}

function oneLine(sql: string, max = 60): string {
  const flat = sql.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 3)}...` : flat;
}

/** `view "public"."v"`, `generated column "public"."t"."c"`. */
function metadataRowLabel(row: TypeormMetadataRow): string {
  if (row.type === "GENERATED_COLUMN") return `generated column ${displayQualified({ schema: row.schema, name: row.table ?? "" })}.${displayIdent(row.name)}`;
  return `${row.type === "VIEW" ? "view" : "materialized view"} ${displayQualified(row)}`;
}

export function describeOperation(op: Operation): string {
  switch (op.kind) {
    case "createSchema":
      return `create schema ${displayIdent(op.schema)}`;
    case "dropSchema":
      return `drop schema ${displayIdent(op.schema)}${op.cascade === true ? " cascade" : ""}`;
    case "createExtension":
      return `create extension ${displayIdent(op.extension.name)}${op.extension.schema === null ? "" : ` in schema ${displayIdent(op.extension.schema)}`}`;
    case "dropExtension":
      return `drop extension ${displayIdent(op.extension.name)}`;
    case "createEnum":
      return `create enum ${displayQualified(op.enum)} (${op.enum.values.map(displayLiteral).join(", ")})`;
    case "dropEnum":
      return `drop enum ${displayQualified(op.enum)}`;
    case "addEnumValue": {
      const where = op.before !== undefined ? ` before ${displayLiteral(op.before)}` : op.after !== undefined ? ` after ${displayLiteral(op.after)}` : "";
      return `add value ${displayLiteral(op.value)} to enum ${displayQualified(op.enum)}${where}`;
    }
    case "renameEnumValue":
      return `rename value ${displayLiteral(op.from)} of enum ${displayQualified(op.enum)} to ${displayLiteral(op.to)}`;
    case "renameEnum":
      return `rename enum ${displayQualified(op.enum)} to ${displayIdent(op.to)}`;
    case "recreateEnum":
      return `recreate enum ${displayQualified(op.enum)} (${op.previousValues.map(displayLiteral).join(", ")}) -> (${op.values.map(displayLiteral).join(", ")})`;
    case "createTable":
      return `create table ${displayQualified(op.table)} (${op.table.columns.length} columns)`;
    case "dropTable":
      return `drop table ${displayQualified(op.table)}`;
    case "renameTable":
      return `rename table ${displayQualified(op.table)} to ${displayIdent(op.to)}`;
    case "addColumn":
      return `add column ${displayColumn(op.table, op.column.name)} ${columnSummary(op.column)}${placed(op.position)}`;
    case "dropColumn":
      return `drop column ${displayColumn(op.table, op.column)}`;
    case "renameColumn":
      return `rename column ${displayColumn(op.table, op.column)} to ${displayIdent(op.to)}`;
    case "alterColumn": {
      const changes = COLUMN_PROPERTY_KEYS.flatMap((key) => arrow(key, op[key]));
      return `alter column ${displayColumn(op.table, op.column)}: ${changes.join(", ")}`;
    }
    case "createIndex":
      return `create ${op.index.unique ? "unique " : ""}index ${displayIdent(op.index.name)} on ${displayQualified(op.table)}`;
    case "dropIndex":
      return `drop index ${displayQualified({ schema: op.table.schema, name: op.name })}`;
    case "createPrimaryKey":
      return `add primary key ${displayIdent(op.primaryKey.name)} on ${displayQualified(op.table)} (${op.primaryKey.columns.map(displayIdent).join(", ")})`;
    case "createUniqueConstraint":
      return `add unique constraint ${displayIdent(op.unique.name)} on ${displayQualified(op.table)} (${op.unique.columns.map(displayIdent).join(", ")})${op.usingIndex === undefined ? "" : ` using index ${displayIdent(op.usingIndex)}`}`;
    case "createForeignKey":
      return `add foreign key ${displayIdent(op.foreignKey.name)} on ${displayQualified(op.table)} -> ${displayQualified(op.foreignKey.referencedTable)}${op.notValid === true ? " (not valid)" : ""}`;
    case "createCheckConstraint":
      return `add check constraint ${displayIdent(op.check.name)} on ${displayQualified(op.table)}${op.notValid === true ? " (not valid)" : ""}`;
    case "createExclusionConstraint":
      return `add exclusion constraint ${displayIdent(op.exclusion.name)} on ${displayQualified(op.table)}`;
    case "validateConstraint":
      return `validate constraint ${displayIdent(op.name)} on ${displayQualified(op.table)}`;
    case "dropConstraint":
      return `drop constraint ${displayIdent(op.name)} on ${displayQualified(op.table)}`;
    case "renameConstraint":
      return `rename constraint ${displayIdent(op.name)} on ${displayQualified(op.table)} to ${displayIdent(op.to)}`;
    case "renameIndex":
      return `rename index ${displayQualified({ schema: op.table.schema, name: op.name })} to ${displayIdent(op.to)}`;
    case "renameSequence":
      return `rename sequence ${displayQualified(op.sequence)} to ${displayIdent(op.to)}`;
    case "setTableComment":
      return `${op.comment.to === null ? "remove" : "set"} comment on table ${displayQualified(op.table)}`;
    case "setColumnComment":
      return `${op.comment.to === null ? "remove" : "set"} comment on column ${displayColumn(op.table, op.column)}`;
    case "createView":
      return `create ${op.view.materialized ? "materialized " : ""}view ${displayQualified(op.view)}`;
    case "dropView":
      return `drop ${op.materialized ? "materialized " : ""}view ${displayQualified(op.view)}`;
    case "execute":
      return `execute ${oneLine(op.sql)}`;
    case "bulkInsert":
      return `insert ${op.rows.length} row${op.rows.length === 1 ? "" : "s"} into ${displayQualified(op.table)}`;
    case "backfill": {
      const where = op.where === undefined ? "" : ` where ${oneLine(op.where.text.join("?"))}`;
      return `backfill ${displayQualified(op.table)}${where} in batches of ${op.batchSize}: set ${op.set.map((a) => displayIdent(a.column)).join(", ")}`;
    }
    case "insertTypeormMetadata":
      return `insert TypeORM metadata into ${displayQualified(op.metadataTable)}: ${op.rows.map(metadataRowLabel).join(", ")}`;
    case "deleteTypeormMetadata":
      return `delete TypeORM metadata from ${displayQualified(op.metadataTable)}: ${op.rows.map(metadataRowLabel).join(", ")}`;
    default:
      return assertNever(op);
  }
}
