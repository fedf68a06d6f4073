/**
 * Extensions synchronize installs: TypeORM's postgres driver checks every
 * entity metadata (synchronized or not) for column types and features that
 * need one, right after connecting, unless `installExtensions` is false.
 */
import type { EntityMetadata } from "typeorm";
import type { ExtensionModel } from "../model/types";

const EXTENSION_OF_COLUMN_TYPE: Record<string, string> = {
  citext: "citext",
  hstore: "hstore",
  cube: "cube",
  ltree: "ltree",
  geometry: "postgis",
  geography: "postgis",
  vector: "vector",
  halfvec: "vector",
};

export interface ExtensionOptions {
  readonly uuidExtension?: "uuid-ossp" | "pgcrypto";
  readonly extensions?: readonly string[];
  readonly installExtensions?: boolean;
}

export function readExtensions(metadatas: readonly EntityMetadata[], options: ExtensionOptions): ExtensionModel[] {
  if (options.installExtensions === false) return [];
  const names = new Set<string>();
  for (const metadata of metadatas) {
    if (metadata.generatedColumns.some((column) => column.generationStrategy === "uuid")) {
      names.add(options.uuidExtension ?? "uuid-ossp");
    }
    for (const column of metadata.columns) {
      const extension = typeof column.type === "string" ? EXTENSION_OF_COLUMN_TYPE[column.type] : undefined;
      if (extension !== undefined) names.add(extension);
    }
    if (metadata.exclusions.length > 0) names.add("btree_gist");
  }
  // the `extensions` option: installed when the server has them available
  for (const name of options.extensions ?? []) names.add(name);
  return [...names].sort().map((name) => ({ name, schema: null }));
}
