/**
 * What stands in the way of the scratch copy: real objects whose names the
 * model's objects need (relations share one namespace per schema with
 * indexes, sequences and composite types; types share theirs with the row
 * types of tables and views), extensions the server cannot install, and
 * privileges the role lacks. One query finds them all, each object with
 * the groups (the outer transaction or a chunk) whose objects want its
 * name; each group moves them out of its way itself, so that a chunk's
 * rollback puts them back.
 */
import type { Executor } from "../../../db/types";
import { MigratorError } from "../../../errors";
import { qualified, quoteIdent } from "../quote";
import type { QualifiedName } from "../../../model/types";

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
  /** The role may rename it (it owns it, or is a member of its owner). */
  readonly owned: boolean;
}

/** A schema the scratch copy would create objects in. */
export interface SchemaAccess {
  readonly name: string;
  readonly exists: boolean;
  /** CREATE on it (false when it does not exist). */
  readonly create: boolean;
}

/** A model enum as the database has it. */
export interface LiveEnum extends QualifiedName {
  /** How format_type spells it (schema-qualified, quoted as needed). */
  readonly spelled: string;
  /** Its labels when the database has an enum of that name, else null. */
  readonly values: readonly string[] | null;
}

export interface Obstacles {
  readonly clashes: readonly Clash[];
  /** Extensions the model needs that are neither installed nor available. */
  readonly unavailableExtensions: readonly string[];
  /** Extensions the model needs that are not installed (available or not). */
  readonly missingExtensions: readonly string[];
  readonly schemas: readonly SchemaAccess[];
  readonly enums: readonly LiveEnum[];
  readonly role: string;
  readonly database: string;
  readonly createDatabase: boolean;
  readonly temporary: boolean;
}

/** Which schemas the scratch copy creates objects in, and the enums whose live state matters. */
export interface SurveyScope {
  readonly schemas: readonly string[];
  readonly enums: readonly QualifiedName[];
}

const OBSTACLES_SQL = `WITH wanted AS (SELECT * FROM unnest($1::text[], $2::text[], $3::int[]) AS w(schema, name, grp)),
from_extension AS (SELECT objid, classid FROM pg_depend WHERE deptype = 'e')
SELECT coalesce(json_agg(found), '[]'::json) AS clashes,
  (SELECT coalesce(json_agg(need), '[]'::json) FROM unnest($4::text[]) AS need
    WHERE NOT EXISTS (SELECT 1 FROM pg_extension x WHERE x.extname = need)
      AND NOT EXISTS (SELECT 1 FROM pg_available_extensions a WHERE a.name = need)) AS unavailable,
  (SELECT coalesce(json_agg(need), '[]'::json) FROM unnest($4::text[]) AS need
    WHERE NOT EXISTS (SELECT 1 FROM pg_extension x WHERE x.extname = need)) AS missing,
  (SELECT coalesce(json_agg(json_build_object('name', s, 'exists', n.oid IS NOT NULL,
      'create', n.oid IS NOT NULL AND has_schema_privilege(n.oid, 'CREATE'))), '[]'::json)
    FROM unnest($5::text[]) AS s LEFT JOIN pg_namespace n ON n.nspname = s) AS schemas,
  (SELECT coalesce(json_agg(json_build_object('schema', e.s, 'name', e.n, 'spelled', quote_ident(e.s) || '.' || quote_ident(e.n),
      'values', (SELECT array_agg(l.enumlabel::text ORDER BY l.enumsortorder) FROM pg_enum l
        JOIN pg_type t ON t.oid = l.enumtypid JOIN pg_namespace tn ON tn.oid = t.typnamespace
        WHERE tn.nspname = e.s AND t.typname = e.n))), '[]'::json)
    FROM unnest($6::text[], $7::text[]) AS e(s, n)) AS enums,
  current_user::text AS role, current_database()::text AS database,
  has_database_privilege(current_database(), 'CREATE') AS create_database,
  has_database_privilege(current_database(), 'TEMPORARY') AS temporary
FROM (
  SELECT n.nspname AS schema, c.relname AS name, c.relkind::text AS kind,
    EXISTS (SELECT 1 FROM from_extension e WHERE e.classid = 'pg_class'::regclass AND e.objid IN (c.oid,
      coalesce((SELECT x.indrelid FROM pg_index x WHERE x.indexrelid = c.oid), c.oid))) AS "fromExtension",
    array_agg(DISTINCT w.grp) AS groups,
    pg_has_role(c.relowner, 'USAGE') AS owned
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN wanted w ON w.schema = n.nspname AND w.name = c.relname
  GROUP BY c.oid, n.nspname, c.relname, c.relkind
  UNION ALL
  SELECT n.nspname, t.typname, 'type:' || t.typtype::text,
    EXISTS (SELECT 1 FROM from_extension e WHERE e.classid = 'pg_type'::regclass AND e.objid = t.oid),
    array_agg(DISTINCT w.grp),
    pg_has_role(t.typowner, 'USAGE')
  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
  JOIN wanted w ON w.schema = n.nspname AND w.name = t.typname
  WHERE t.typrelid = 0 AND NOT (t.typcategory = 'A' AND t.typelem <> 0)
  GROUP BY t.oid, n.nspname, t.typname, t.typtype
) AS found`;

/**
 * One query: the real objects in the way, the extensions, and what the role
 * may do (create in the schemas, rename what is in the way, create
 * temporary objects), so that normalise can choose its path before it
 * touches anything.
 */
export async function findObstacles(executor: Executor, wanted: readonly WantedName[], extensions: readonly string[], scope: SurveyScope): Promise<Obstacles> {
  const params = [
    wanted.map((n) => n.schema), wanted.map((n) => n.name), wanted.map((n) => n.group), [...extensions],
    [...scope.schemas], scope.enums.map((e) => e.schema), scope.enums.map((e) => e.name),
  ];
  const { rows } = await executor.query(OBSTACLES_SQL, params);
  const row = rows[0] ?? {};
  return {
    clashes: readClashes(json(row["clashes"])),
    unavailableExtensions: strings(json(row["unavailable"])),
    missingExtensions: strings(json(row["missing"])),
    schemas: readSchemas(json(row["schemas"])),
    enums: readEnums(json(row["enums"])),
    role: String(row["role"] ?? ""),
    database: String(row["database"] ?? ""),
    createDatabase: row["create_database"] === true,
    temporary: row["temporary"] === true,
  };
}

/**
 * What keeps the scratch copy from being built where the objects live, in
 * words (`role "reader" may not create in schema "public"`), or null when
 * nothing does. `creating` are the schemas it creates objects in.
 */
export function missingPrivilege(obstacles: Obstacles): string | null {
  const role = `role "${obstacles.role.replace(/"/g, '""')}"`;
  for (const schema of obstacles.schemas) {
    if (schema.exists && !schema.create) return `${role} may not create in schema ${qualifiedOne(schema.name)}`;
    if (!schema.exists && !obstacles.createDatabase) return `${role} may not create schema ${qualifiedOne(schema.name)}`;
  }
  const foreign = obstacles.clashes.find((clash) => !clash.owned && !clash.fromExtension && alterOf(clash) !== null);
  if (foreign !== undefined) return `${role} does not own ${qualified(foreign)}, which holds a name the entities need`;
  return null;
}

function qualifiedOne(name: string): string {
  return quoteIdent(name);
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

function objects(value: unknown): Array<Record<string, unknown>> {
  return Array.isArray(value) ? value.filter((item): item is Record<string, unknown> => typeof item === "object" && item !== null) : [];
}

function readClashes(value: unknown): Clash[] {
  const out: Clash[] = [];
  for (const row of objects(value)) {
    const { schema, name, kind, fromExtension, groups, owned } = row;
    if (typeof schema === "string" && typeof name === "string" && typeof kind === "string") {
      const owners = Array.isArray(groups) ? groups.filter((g): g is number => typeof g === "number") : [];
      out.push({ schema, name, kind, fromExtension: fromExtension === true, groups: owners, owned: owned === true });
    }
  }
  return out;
}

function readSchemas(value: unknown): SchemaAccess[] {
  return objects(value).flatMap((row) => (typeof row["name"] === "string" ? [{ name: row["name"], exists: row["exists"] === true, create: row["create"] === true }] : []));
}

function readEnums(value: unknown): LiveEnum[] {
  return objects(value).flatMap((row) => {
    const { schema, name, spelled, values } = row;
    if (typeof schema !== "string" || typeof name !== "string" || typeof spelled !== "string") return [];
    return [{ schema, name, spelled, values: Array.isArray(values) ? strings(values) : null }];
  });
}
