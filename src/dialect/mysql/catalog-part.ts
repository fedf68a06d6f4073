/**
 * MySQL/MariaDB's catalog: introspection from information_schema
 * (introspect/), normalisation by the server through scratch databases
 * (normalise/). Loaded on first use, as PostgreSQL's.
 */
import type { DialectCatalog } from "../catalog";
import { byQualifiedName, compareText } from "../../model/names";
import type { Executor } from "../../db/types";
import type { QualifiedName, SchemaModel } from "../../model/types";

/** Two reads of disjoint databases as one model. MySQL has no extensions, enums types or sequences. */
function mergeCatalogs(first: SchemaModel, second: SchemaModel): SchemaModel {
  return {
    schemas: [...new Set([...first.schemas, ...second.schemas])].sort(compareText),
    extensions: [],
    enums: [],
    tables: byQualifiedName([...first.tables, ...second.tables]),
    views: byQualifiedName([...first.views, ...second.views]),
  };
}

const catalog: Omit<DialectCatalog, "tableSizes"> = {
  introspect: async (executor, options) => (await import("./introspect/introspect")).introspect(executor, options),
  mergeCatalogs,
  // AUTO_INCREMENT belongs to the table: nothing is renamed with a column
  ownedSequences: async () => new Map(),
  readTypeormMetadata: async (executor, table) => (await import("./introspect/typeorm-metadata")).readTypeormMetadata(executor, table),
  normalise: async (raw, executor) => (await import("./normalise/normalise")).normalise(raw, executor),
  // the server says which of TypeORM's two drivers, and which version, its mapping follows (json, uuid)
  entityDriver: async (executor) => {
    const facts = await (await import("./introspect/server")).sessionFacts(executor);
    return { type: facts.mariadb ? "mariadb" : "mysql", version: facts.version };
  },
};

/** Lint's and the dry run's table sizes (the catalog's `tableSizes` where the branch that asks for it is merged). */
const sizes = {
  tableSizes: async (executor: Executor, tables: readonly QualifiedName[]) => (await import("./introspect/table-sizes")).tableSizes(executor, tables),
};

export const mysqlCatalog: DialectCatalog = Object.freeze({ ...catalog, ...sizes });
