/** How revisions name tables and other schema objects: `"user"` (default schema) or `{ schema, name }`. */
import { MigratorError } from "../errors";
import { DEFAULT_SCHEMA, type QualifiedName } from "../model/types";

export type TableRef = string | { readonly schema: string; readonly name: string };

/**
 * A plain string is a name in the default schema, taken whole: `"a.b"` is the
 * table named `a.b`, never schema `a` (so names with dots stay unambiguous).
 * The default schema is `home`: public, or a tenant's schema when a fleet
 * runs the revision there.
 */
export function resolveRef(ref: TableRef, what = "table", home: string = DEFAULT_SCHEMA): QualifiedName {
  const name = typeof ref === "string" ? { schema: home, name: ref } : { schema: ref.schema, name: ref.name };
  if (typeof name.schema !== "string" || name.schema.length === 0 || typeof name.name !== "string" || name.name.length === 0) {
    throw new MigratorError(`a ${what} reference needs a non-empty name and schema, got ${JSON.stringify(ref)}`);
  }
  return Object.freeze(name);
}
