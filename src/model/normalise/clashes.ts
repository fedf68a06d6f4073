/**
 * What stands in the way of the scratch copy: real objects whose names the
 * model's objects need (relations share one namespace per schema with
 * indexes, sequences and composite types; types share theirs with the row
 * types of tables and views), and extensions the server cannot install.
 * One query finds them all, each with the groups (the outer transaction or
 * a chunk) whose objects want its name; each group moves them out of its
 * way itself, so that a chunk's rollback puts them back.
 */
import type { Executor } from "../../db/types";
import { MigratorError } from "../../errors";
import { qualified, quoteIdent } from "../../dialect/quote";
import type { QualifiedName } from "../types";

/** The group of the outer transaction (enums); chunk `i` is group `i`. */
export const OUTER_GROUP = -1;

/** A name the scratch copy creates, and the group that creates it. */
export interface WantedName extends QualifiedName {
  readonly group: number;
}

export interface Clash extends QualifiedName {
  /** pg_class.relkind of a relation (an index or owned sequence is reported as its table), or `type:<typtype>`. */
  readonly kind: string;
  readonly fromExtension: boolean;
  /** The groups whose objects want the name. */
  readonly groups: readonly number[];
}

export interface Obstacles {
  readonly clashes: readonly Clash[];
  /** Extensions the model needs that are neither installed nor available. */
  readonly unavailableExtensions: readonly string[];
}

const OBSTACLES_SQL = `WITH wanted AS (SELECT * FROM unnest($1::text[], $2::text[], $3::int[]) AS w(schema, name, grp)),
from_extension AS (SELECT objid, classid FROM pg_depend WHERE deptype = 'e')
SELECT coalesce(json_agg(found), '[]'::json) AS clashes,
  (SELECT coalesce(json_agg(need), '[]'::json) FROM unnest($4::text[]) AS need
    WHERE NOT EXISTS (SELECT 1 FROM pg_extension x WHERE x.extname = need)
      AND NOT EXISTS (SELECT 1 FROM pg_available_extensions a WHERE a.name = need)) AS unavailable
FROM (
  SELECT n.nspname AS schema, c.relname AS name, c.relkind::text AS kind,
    EXISTS (SELECT 1 FROM from_extension e WHERE e.classid = 'pg_class'::regclass AND e.objid IN (c.oid,
      coalesce((SELECT x.indrelid FROM pg_index x WHERE x.indexrelid = c.oid), c.oid))) AS "fromExtension",
    array_agg(DISTINCT w.grp) AS groups
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN wanted w ON w.schema = n.nspname AND w.name = c.relname
  GROUP BY c.oid, n.nspname, c.relname, c.relkind
  UNION ALL
  SELECT n.nspname, t.typname, 'type:' || t.typtype::text,
    EXISTS (SELECT 1 FROM from_extension e WHERE e.classid = 'pg_type'::regclass AND e.objid = t.oid),
    array_agg(DISTINCT w.grp)
  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
  JOIN wanted w ON w.schema = n.nspname AND w.name = t.typname
  WHERE t.typrelid = 0 AND NOT (t.typcategory = 'A' AND t.typelem <> 0)
  GROUP BY t.oid, n.nspname, t.typname, t.typtype
) AS found`;

export async function findObstacles(executor: Executor, wanted: readonly WantedName[], extensions: readonly string[]): Promise<Obstacles> {
  const params = [wanted.map((n) => n.schema), wanted.map((n) => n.name), wanted.map((n) => n.group), [...extensions]];
  const { rows } = await executor.query(OBSTACLES_SQL, params);
  const row = rows[0] ?? {};
  return { clashes: readClashes(json(row["clashes"])), unavailableExtensions: strings(json(row["unavailable"])) };
}

/**
 * The statements that clear `group`'s way: each real object holding a name
 * the group needs is renamed aside (the rollback puts the name back).
 * Renaming takes one lock and touches nothing else, where dropping would
 * cascade to the views, foreign keys and columns that use the object, and
 * lock them all. A table's row type, or a constraint's index, follows its
 * table or index. `aside` gives each object a free name.
 */
export function clearingStatements(clashes: readonly Clash[], group: number, aside: () => string): string[] {
  // what the outer transaction renamed is out of every chunk's way already
  const mine = clashes.filter((clash) => clash.groups.includes(group) && (group === OUTER_GROUP || !clash.groups.includes(OUTER_GROUP)));
  return mine.flatMap((clash) => {
    const what = alterOf(clash);
    return what === null ? [] : [`ALTER ${what} ${qualified(clash)} RENAME TO ${quoteIdent(aside())}`];
  });
}

function alterOf(clash: Clash): string | null {
  if (clash.fromExtension) {
    throw new MigratorError(`the entities need the name ${qualified(clash)}, which an extension's object already has`, {
      hint: "rename the entity's table, index, constraint or enum",
    });
  }
  switch (clash.kind) {
    case "r":
    case "p":
      return "TABLE";
    case "i":
    case "I":
      return "INDEX";
    case "v":
      return "VIEW";
    case "m":
      return "MATERIALIZED VIEW";
    case "f":
      return "FOREIGN TABLE";
    case "S":
      return "SEQUENCE";
    case "c":
      return "TYPE";
    case "type:d":
      return "DOMAIN";
    default:
      // TOAST tables live in pg_toast, which the model does not use
      return clash.kind.startsWith("type:") ? "TYPE" : null;
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
    const { schema, name, kind, fromExtension, groups } = row;
    if (typeof schema === "string" && typeof name === "string" && typeof kind === "string") {
      const owners = Array.isArray(groups) ? groups.filter((g): g is number => typeof g === "number") : [];
      out.push({ schema, name, kind, fromExtension: fromExtension === true, groups: owners });
    }
  }
  return out;
}
