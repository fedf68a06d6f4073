/**
 * Live database -> schema model. One read-only transaction with
 * `search_path = pg_catalog` (so every user type and sequence is printed
 * schema-qualified, the model's canonical form) and one catalog statement.
 */
import type { Executor } from "../../../db/types";
import type { SchemaModel } from "../../../model/types";
import { DEFAULT_SCHEMA } from "../../../model/types";
import { readCatalog } from "./read-catalog";
import type { IntrospectOptions } from "../../catalog";

export type { IntrospectOptions };

export async function introspect(executor: Executor, options: IntrospectOptions): Promise<SchemaModel> {
  return executor.transaction(async () => {
    await executor.exec("SET TRANSACTION READ ONLY; SET LOCAL search_path = pg_catalog");
    return readCatalog(
      executor,
      { schemas: options.schemas, include: options.include, exclude: options.exclude, ignoreTables: options.ignoreTables },
      options.defaultSchema ?? DEFAULT_SCHEMA,
      options.onSent,
    );
  });
}
