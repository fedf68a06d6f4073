/** Checking the rows a revision hands to insertTypeormMetadata / deleteTypeormMetadata. */
import { MigratorError } from "../errors";
import type { TypeormMetadataRow, TypeormMetadataType } from "./types";

/** TypeORM's default `metadataTableName`. */
export const TYPEORM_METADATA_TABLE = "typeorm_metadata";

/** A row as a revision writes it (the op's own shape). */
export type TypeormMetadataRowSpec = TypeormMetadataRow;
export type InsertedTypeormMetadataRow = TypeormMetadataRow & { readonly value: string };

const TYPES: readonly TypeormMetadataType[] = ["VIEW", "MATERIALIZED_VIEW", "GENERATED_COLUMN"];
const SHAPE = 'a row is { type: "VIEW" | "MATERIALIZED_VIEW", schema, name, value } or { type: "GENERATED_COLUMN", schema, table, name, value }';

function nonEmpty(value: unknown): value is string {
  return typeof value === "string" && value.length > 0;
}

/** Frozen copies in a fixed key order; a view has no table, a generated column needs one. */
export function checkTypeormMetadataRows(rows: readonly TypeormMetadataRowSpec[], method: string): readonly TypeormMetadataRow[] {
  return Object.freeze(
    rows.map((row): TypeormMetadataRow => {
      const fail = (why: string): never => {
        throw new MigratorError(`${method}: ${why} in ${JSON.stringify(row)}`, { hint: SHAPE });
      };
      if (!TYPES.includes(row.type)) fail(`type must be one of ${TYPES.join(", ")}`);
      if (!nonEmpty(row.schema) || !nonEmpty(row.name)) fail("schema and name must be non-empty strings");
      const generated = row.type === "GENERATED_COLUMN";
      if (generated && !nonEmpty(row.table)) fail("a GENERATED_COLUMN row needs its table");
      if (!generated && row.table !== undefined) fail("a view's row has no table");
      if (row.value !== undefined && typeof row.value !== "string") fail("value must be a string");
      return Object.freeze({
        type: row.type,
        schema: row.schema,
        ...(generated ? { table: row.table } : {}),
        name: row.name,
        ...(row.value === undefined ? {} : { value: row.value }),
      });
    }),
  );
}

/** The rows of an insert: each needs the value it writes. */
export function insertedRows(rows: readonly TypeormMetadataRow[], method: string): readonly InsertedTypeormMetadataRow[] {
  const missing = rows.find((row) => row.value === undefined);
  if (missing !== undefined) throw new MigratorError(`${method}: an inserted row needs its value in ${JSON.stringify(missing)}`, { hint: SHAPE });
  return rows as readonly InsertedTypeormMetadataRow[];
}
