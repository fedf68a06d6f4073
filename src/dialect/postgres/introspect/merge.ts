/**
 * Two catalog reads of disjoint schema sets as one model, in the order one
 * read of both would give. Extensions are database-wide: both reads list the
 * same ones, so the first read's list is kept.
 */
import type { SchemaModel } from "../../../model/types";
import { byQualifiedName, compareText } from "./rows";

export function mergeCatalogs(first: SchemaModel, second: SchemaModel): SchemaModel {
  return {
    schemas: [...new Set([...first.schemas, ...second.schemas])].sort(compareText),
    extensions: first.extensions,
    enums: byQualifiedName([...first.enums, ...second.enums]),
    tables: byQualifiedName([...first.tables, ...second.tables]),
    views: byQualifiedName([...first.views, ...second.views]),
  };
}
