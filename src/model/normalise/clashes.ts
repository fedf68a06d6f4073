/**
 * What stands in the way of the scratch copy: real objects whose names the
 * model's objects need (relations share one namespace per schema with
 * indexes, sequences and composite types; types share theirs with the row
 * types of tables and views), and extensions the server cannot install.
 * One query finds them all; the drops happen in the rolled-back transaction.
 */
import type { Executor } from "../../db/types";
import { MigratorError } from "../../errors";
import { qualified } from "../../dialect/quote";
import type { QualifiedName, SchemaModel } from "../types";

export interface Clash extends QualifiedName {
  /** pg_class.relkind of a relation (an index or owned sequence is reported as its table), or `type:<typtype>`. */
  readonly kind: string;
  readonly fromExtension: boolean;
}

export interface Obstacles {
  readonly clashes: readonly Clash[];
  /** Extensions the model needs that are neither installed nor available on the server. */
  readonly unavailableExtensions: readonly string[];
}

const OBSTACLES_SQL = `WITH wanted AS (SELECT * FROM unnest($1::text[], $2::text[]) AS w(schema, name)),
hits AS (
  SELECT c.oid AS relid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN wanted w ON w.schema = n.nspname AND w.name = c.relname
),
owners AS (
  SELECT DISTINCT coalesce(
    (SELECT x.indrelid FROM pg_index x WHERE x.indexrelid = h.relid),
    (SELECT d.refobjid FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = h.relid
       AND d.refclassid = 'pg_class'::regclass AND d.refobjsubid > 0 AND d.deptype IN ('a', 'i') LIMIT 1),
    h.relid) AS relid
  FROM hits h
)
SELECT coalesce(json_agg(found), '[]'::json) AS clashes,
  (SELECT coalesce(json_agg(need), '[]'::json) FROM unnest($3::text[]) AS need
    WHERE NOT EXISTS (SELECT 1 FROM pg_extension x WHERE x.extname = need)
      AND NOT EXISTS (SELECT 1 FROM pg_available_extensions a WHERE a.name = need)) AS unavailable
FROM (
  SELECT n.nspname AS schema, c.relname AS name, c.relkind::text AS kind,
    EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e') AS "fromExtension"
  FROM owners o JOIN pg_class c ON c.oid = o.relid JOIN pg_namespace n ON n.oid = c.relnamespace
  UNION ALL
  SELECT n.nspname, t.typname, 'type:' || t.typtype::text,
    EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_type'::regclass AND e.objid = t.oid AND e.deptype = 'e')
  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
  JOIN wanted w ON w.schema = n.nspname AND w.name = t.typname
  WHERE t.typrelid = 0 AND NOT (t.typcategory = 'A' AND t.typelem <> 0)
) AS found`;

/** Every (schema, name) the scratch copy creates in a relation or type namespace. */
export function namesTaken(model: SchemaModel): QualifiedName[] {
  const names: QualifiedName[] = [];
  const add = (schema: string, name: string): void => void names.push({ schema, name });
  for (const table of model.tables) {
    add(table.schema, table.name);
    if (table.primaryKey !== null) add(table.schema, table.primaryKey.name);
    for (const unique of table.uniques) add(table.schema, unique.name);
    for (const exclusion of table.exclusions) add(table.schema, exclusion.name);
    for (const index of table.indexes) add(table.schema, index.name);
  }
  for (const view of model.views) {
    add(view.schema, view.name);
    for (const index of view.indexes) add(view.schema, index.name);
  }
  for (const type of model.enums) add(type.schema, type.name);
  return names;
}

export async function findObstacles(executor: Executor, model: SchemaModel): Promise<Obstacles> {
  const names = namesTaken(model);
  // PGlite registers its extensions in JavaScript, not as control files pg_available_extensions lists:
  // there, CREATE EXTENSION itself says whether one is missing.
  const extensions = executor.backend === "server" ? model.extensions.map((e) => e.name) : [];
  const { rows } = await executor.query(OBSTACLES_SQL, [names.map((n) => n.schema), names.map((n) => n.name), extensions]);
  const row = rows[0] ?? {};
  return { clashes: readClashes(json(row["clashes"])), unavailableExtensions: strings(json(row["unavailable"])) };
}

/** DROP ... CASCADE for each clash: views first, then tables, sequences, and types last. */
export function dropStatements(clashes: readonly Clash[]): string[] {
  const ranked = clashes.map((clash) => ({ clash, ...dropOf(clash) })).filter((d) => d.what !== null);
  ranked.sort((a, b) => a.rank - b.rank);
  return ranked.map(({ clash, what }) => `DROP ${what} IF EXISTS ${qualified(clash)} CASCADE`);
}

function dropOf(clash: Clash): { what: string | null; rank: number } {
  if (clash.fromExtension) {
    throw new MigratorError(`the entities need the name ${qualified(clash)}, which an extension's object already has`, {
      hint: "rename the entity's table, index, constraint or enum",
    });
  }
  switch (clash.kind) {
    case "v":
      return { what: "VIEW", rank: 0 };
    case "m":
      return { what: "MATERIALIZED VIEW", rank: 0 };
    case "r":
    case "p":
      return { what: "TABLE", rank: 1 };
    case "f":
      return { what: "FOREIGN TABLE", rank: 1 };
    case "S":
      return { what: "SEQUENCE", rank: 2 };
    case "c":
      return { what: "TYPE", rank: 3 };
    case "type:d":
      return { what: "DOMAIN", rank: 3 };
    default:
      return clash.kind.startsWith("type:") ? { what: "TYPE", rank: 3 } : { what: null, rank: 9 };
  }
}

function json(value: unknown): unknown {
  return typeof value === "string" ? (JSON.parse(value) as unknown) : value;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

function readClashes(value: unknown): Clash[] {
  if (!Array.isArray(value)) return [];
  const out: Clash[] = [];
  for (const item of value) {
    if (typeof item !== "object" || item === null) continue;
    const row = item as Record<string, unknown>;
    const { schema, name, kind, fromExtension } = row;
    if (typeof schema === "string" && typeof name === "string" && typeof kind === "string") {
      out.push({ schema, name, kind, fromExtension: fromExtension === true });
    }
  }
  return out;
}
