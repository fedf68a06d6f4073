/**
 * View entities as synchronize creates them: `CREATE [MATERIALIZED] VIEW name
 * AS <expression>` with the expression pasted as given (or the query a
 * query-builder expression renders), and indexes only on materialized views.
 */
import type { DataSource, EntityMetadata } from "typeorm";
import type { ViewModel } from "../model/types";
import { readIndexes } from "./constraints";
import { EntityError } from "../errors";
import { entityLabel, firstLine } from "./metadata";

export function readView(metadata: EntityMetadata, dataSource: DataSource, schema: string): ViewModel {
  const materialized = metadata.tableMetadataArgs.materialized === true;
  const indexes = materialized
    ? readIndexes(
        metadata.indices
          .filter((index) => index.synchronize !== false)
          .map((index) => ({
            name: index.name,
            columnNames: index.columns.map((column) => column.databaseName),
            isUnique: index.isUnique,
            isSpatial: index.isSpatial,
            type: index.type,
            where: index.where,
          })),
        { name: metadata.tableName },
      )
    : [];
  return { schema, name: metadata.tableName, materialized, definition: viewDefinition(metadata, dataSource), indexes };
}

function viewDefinition(metadata: EntityMetadata, dataSource: DataSource): string {
  const expression = metadata.expression;
  if (typeof expression === "string") return expression;
  if (expression === undefined) {
    throw new EntityError(`view entity ${entityLabel(metadata)} has no expression`, {
      hint: "give @ViewEntity an `expression` (SQL text or a query builder function)",
    });
  }
  try {
    return expression(dataSource).getQuery();
  } catch (error) {
    throw new EntityError(`view entity ${entityLabel(metadata)}: its expression failed: ${firstLine(error)}`, {
      cause: error,
    });
  }
}
