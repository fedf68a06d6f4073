/**
 * Where a table lives, as SQL that reads the catalog: the neutral default
 * schema (`public`) is the connection's current database, DATABASE();
 * any other schema is the database of that name.
 */
import { DEFAULT_SCHEMA, type QualifiedName } from "../../../model/types";
import { quoteLiteral } from "../quote";

export function schemaExpression(table: QualifiedName): string {
  return table.schema === DEFAULT_SCHEMA ? "DATABASE()" : quoteLiteral(table.schema);
}

/** `TABLE_SCHEMA = ... AND TABLE_NAME = ...` for an information_schema table. */
export function tableFilter(table: QualifiedName): string {
  return `TABLE_SCHEMA = ${schemaExpression(table)} AND TABLE_NAME = ${quoteLiteral(table.name)}`;
}
