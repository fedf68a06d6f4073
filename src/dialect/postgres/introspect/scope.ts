/**
 * Which objects a catalog read covers, as one SQL filter shared by every
 * concern's query. The filters run in SQL, before anything is read, with
 * fixed parameter positions so all fragments can live in one statement.
 */
import type { QualifiedName } from "../../../model/types";
import type { NameFilter } from "../../catalog";

export type { NameFilter };

export interface CatalogScope {
  /** The schemas in play. */
  readonly schemas: readonly string[];
  readonly include?: NameFilter;
  readonly exclude?: NameFilter;
  /** Tables never read (migrator's version and log tables). `typeorm_metadata` is always skipped. */
  readonly ignoreTables?: readonly QualifiedName[];
  /** When set, only these tables/views are read (normalise reads back its scratch objects). */
  readonly onlyRelations?: readonly QualifiedName[];
  /** When set, only these enum types are read. */
  readonly onlyEnums?: readonly QualifiedName[];
  /** When set, only these extensions are read. */
  readonly onlyExtensions?: readonly string[];
}

/** Objects that belong to an extension (pg_depend deptype 'e') are the extension's business, never ours. */
function notFromExtension(catalog: "pg_class" | "pg_type", oid: string): string {
  return `NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '${catalog}'::regclass AND e.objid = ${oid} AND e.deptype = 'e')`;
}

const SCHEMA_FILTER = `n.nspname = ANY($1::text[])
  AND (cardinality($2::text[]) = 0 OR n.nspname LIKE ANY($2::text[]))
  AND NOT (n.nspname LIKE ANY($3::text[]))`;

/** Tables, views and materialized views in scope: `c` is pg_class, `n` its pg_namespace. */
export const RELATION_FILTER = `${SCHEMA_FILTER}
  AND (cardinality($4::text[]) = 0 OR c.relname LIKE ANY($4::text[]) OR (n.nspname || '.' || c.relname) LIKE ANY($4::text[]))
  AND NOT (c.relname LIKE ANY($5::text[]) OR (n.nspname || '.' || c.relname) LIKE ANY($5::text[]))
  AND c.relname <> 'typeorm_metadata'
  AND (n.nspname, c.relname) NOT IN (SELECT * FROM unnest($6::text[], $7::text[]))
  AND ($8::text[] IS NULL OR (n.nspname, c.relname) IN (SELECT * FROM unnest($8::text[], $9::text[])))
  AND ${notFromExtension("pg_class", "c.oid")}`;

/** Enum types in scope: `t` is pg_type, `n` its pg_namespace. */
export const ENUM_FILTER = `${SCHEMA_FILTER}
  AND ($10::text[] IS NULL OR (n.nspname, t.typname) IN (SELECT * FROM unnest($10::text[], $11::text[])))
  AND ${notFromExtension("pg_type", "t.oid")}`;

/** Extensions in scope: `x` is pg_extension. plpgsql comes with every database. */
export const EXTENSION_FILTER = `x.extname <> 'plpgsql' AND ($12::text[] IS NULL OR x.extname = ANY($12::text[]))`;

export function scopeParams(scope: CatalogScope): unknown[] {
  const ignored = scope.ignoreTables ?? [];
  return [
    [...scope.schemas],
    (scope.include?.schemas ?? []).map(likePattern),
    (scope.exclude?.schemas ?? []).map(likePattern),
    (scope.include?.tables ?? []).map(likePattern),
    (scope.exclude?.tables ?? []).map(likePattern),
    ignored.map((t) => t.schema),
    ignored.map((t) => t.name),
    scope.onlyRelations === undefined ? null : scope.onlyRelations.map((t) => t.schema),
    scope.onlyRelations === undefined ? null : scope.onlyRelations.map((t) => t.name),
    scope.onlyEnums === undefined ? null : scope.onlyEnums.map((t) => t.schema),
    scope.onlyEnums === undefined ? null : scope.onlyEnums.map((t) => t.name),
    scope.onlyExtensions === undefined ? null : [...scope.onlyExtensions],
  ];
}

/** `user_*` -> `user\_%`: `*` is the only wildcard; LIKE's own `%` and `_` are taken literally. */
export function likePattern(glob: string): string {
  return glob.replace(/[\\%_]/g, (c) => `\\${c}`).replace(/\*/g, "%");
}
