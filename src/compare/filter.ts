import type { SchemaModel } from "../model/types";

/**
 * The config's include/exclude filters applied to the entity side, with the
 * same meaning the introspector gives them in SQL: `*` is the only wildcard,
 * and a table pattern with a dot matches `schema.table`.
 */
export interface NameFilters {
  readonly include: { readonly schemas: readonly string[]; readonly tables: readonly string[] };
  readonly exclude: { readonly schemas: readonly string[]; readonly tables: readonly string[] };
}

function matcher(patterns: readonly string[]): (value: string) => boolean {
  const regexes = patterns.map((glob) => new RegExp(`^${glob.split("*").map(escape).join(".*")}$`, "s"));
  return (value) => regexes.some((regex) => regex.test(value));
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export function inScope(filters: NameFilters): (schema: string, table?: string) => boolean {
  const includeSchema = matcher(filters.include.schemas);
  const excludeSchema = matcher(filters.exclude.schemas);
  const includeTable = matcher(filters.include.tables);
  const excludeTable = matcher(filters.exclude.tables);
  return (schema, table) => {
    if (filters.include.schemas.length > 0 && !includeSchema(schema)) return false;
    if (excludeSchema(schema)) return false;
    if (table === undefined) return true;
    const both = [table, `${schema}.${table}`];
    if (filters.include.tables.length > 0 && !both.some(includeTable)) return false;
    return !both.some(excludeTable);
  };
}

export function filterModel(model: SchemaModel, filters: NameFilters): SchemaModel {
  const keep = inScope(filters);
  return {
    ...model,
    schemas: model.schemas.filter((schema) => keep(schema)),
    enums: model.enums.filter((e) => keep(e.schema)),
    tables: model.tables.filter((t) => keep(t.schema, t.name)),
    views: model.views.filter((v) => keep(v.schema, v.name)),
  };
}
