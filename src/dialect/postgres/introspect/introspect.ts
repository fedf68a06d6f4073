/**
 * Live database -> schema model. One read-only transaction with
 * `search_path = pg_catalog` (so every user type and sequence is printed
 * schema-qualified, the model's canonical form) and one catalog statement.
 */
import type { Executor } from "../../../db/types";
import type { QualifiedName, SchemaModel } from "../../../model/types";
import { DEFAULT_SCHEMA } from "../../../model/types";
import { readCatalog } from "./read-catalog";
import type { NameFilter } from "./scope";

export interface IntrospectOptions {
  /** The schemas in play: the entity model's schemas plus the default one. */
  readonly schemas: readonly string[];
  /** Schema left out of `SchemaModel.schemas` (it always exists). Default `public`. */
  readonly defaultSchema?: string;
  /** Only these schemas / tables (names or `*` globs); empty lists mean all. */
  readonly include?: NameFilter;
  /** Never these schemas / tables. */
  readonly exclude?: NameFilter;
  /** Tables never read: migrator's version and log tables. `typeorm_metadata` is always ignored. */
  readonly ignoreTables?: readonly QualifiedName[];
  /** Told once the catalog statement is on its way: the server works on it from then on. */
  readonly onSent?: () => void;
}

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
