/**
 * Which databases and tables a read covers. On MySQL a schema is a
 * database: the model's DEFAULT_SCHEMA is the session's current one, every
 * other schema name is a database name. The include/exclude filters are
 * applied to what was read, with the meaning compare gives them on the
 * entity side: `*` is the only wildcard, a table pattern with a dot matches
 * `schema.table`.
 */
import type { NameFilter, IntrospectOptions } from "../../catalog";
import { qualifiedKey, type QualifiedName } from "../../../model/types";

/** Database name <-> model schema name, both ways. */
export interface SchemaMap {
  readonly databases: readonly string[];
  readonly toSchema: (database: string) => string;
}

export function schemaMap(schemas: readonly string[], defaultSchema: string, current: string): SchemaMap {
  const toDatabase = (schema: string): string => (schema === defaultSchema ? current : schema);
  // only the schemas asked for: compare reads the others apart from the default one and merges the two reads
  const databases = [...new Set((schemas.length === 0 ? [defaultSchema] : schemas).map(toDatabase))];
  return { databases, toSchema: (database) => (database === current ? defaultSchema : database) };
}

function matcher(patterns: readonly string[]): (value: string) => boolean {
  const regexes = patterns.map((glob) => new RegExp(`^${glob.split("*").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`, "s"));
  return (value) => regexes.some((regex) => regex.test(value));
}

/** Is the table (or view) `schema.name` read? */
export function tableFilter(options: Pick<IntrospectOptions, "include" | "exclude" | "ignoreTables">): (name: QualifiedName) => boolean {
  const include: NameFilter = options.include ?? {};
  const exclude: NameFilter = options.exclude ?? {};
  const includeSchema = matcher(include.schemas ?? []);
  const excludeSchema = matcher(exclude.schemas ?? []);
  const includeTable = matcher(include.tables ?? []);
  const excludeTable = matcher(exclude.tables ?? []);
  const ignored = new Set((options.ignoreTables ?? []).map(qualifiedKey));
  const patterns = [include.schemas, exclude.schemas, include.tables, exclude.tables].some((list) => (list ?? []).length > 0);
  return (name) => {
    if (name.name === "typeorm_metadata" || ignored.has(qualifiedKey(name))) return false;
    if (!patterns) return true;
    if ((include.schemas ?? []).length > 0 && !includeSchema(name.schema)) return false;
    if (excludeSchema(name.schema)) return false;
    const both = [name.name, `${name.schema}.${name.name}`];
    if ((include.tables ?? []).length > 0 && !both.some(includeTable)) return false;
    return !both.some(excludeTable);
  };
}
