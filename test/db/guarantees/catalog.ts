/**
 * Catalog snapshots for the guarantee tests, written here on purpose and not
 * taken from src/introspect: the code under test must not grade itself.
 *
 * - `dumpSchema`: pg_dump --schema-only of a server database (the strongest
 *   comparison, used wherever a server runs).
 * - `catalogLines`: the same facts as sorted lines from plain catalog queries,
 *   for PGlite (no pg_dump) and for comparing PGlite against a server.
 * Both leave out migrator's own tables and TypeORM's `typeorm_metadata`.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { promisify } from "node:util";
import type { Executor } from "../../../src/db/types";

export const OWN_TABLES = ["migrator_version", "migrator_log", "typeorm_metadata"] as const;

const PG_DUMP = ["/usr/lib/postgresql/15/bin/pg_dump", "/usr/bin/pg_dump"].find((p) => existsSync(p)) ?? "pg_dump";

export async function dumpSchema(url: string): Promise<string> {
  const args = ["--schema-only", "--no-owner", "--no-privileges", ...OWN_TABLES.map((t) => `--exclude-table=*.${t}`), url];
  const { stdout } = await promisify(execFile)(PG_DUMP, args, { maxBuffer: 64 * 1024 * 1024 });
  return (
    stdout
      // pg_dump >= 15.14 fences its output with \restrict KEY / \unrestrict KEY, a random key per run.
      .replace(/^\\(un)?restrict \S+$/gm, "\\$1restrict KEY")
  );
}

const USER_NS = `n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'`;
const NOT_OWN = (rel: string): string => `${rel}.relname <> ALL(ARRAY[${OWN_TABLES.map((t) => `'${t}'`).join(", ")}])`;

const LINES = `
SELECT line FROM (
  SELECT 'schema ' || quote_ident(n.nspname) AS line FROM pg_namespace n WHERE ${USER_NS} AND n.nspname <> 'public'
  UNION ALL
  SELECT format('ext %I in %I', x.extname, n.nspname)
  FROM pg_extension x JOIN pg_namespace n ON n.oid = x.extnamespace WHERE x.extname <> 'plpgsql'
  UNION ALL
  SELECT format('rel %s %I.%I comment=%L view=%s', c.relkind, n.nspname, c.relname,
                obj_description(c.oid, 'pg_class'),
                CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) ELSE '-' END)
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'v', 'm', 'p') AND ${USER_NS} AND ${NOT_OWN("c")}
    AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
  UNION ALL
  SELECT format('col %I.%I #%s %I %s notnull=%s default=%L identity=%s generated=%s collation=%s comment=%L',
                n.nspname, c.relname, rank() OVER (PARTITION BY c.oid ORDER BY a.attnum), a.attname,
                format_type(a.atttypid, a.atttypmod), a.attnotnull,
                pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated,
                coalesce(co.collname, '-'), col_description(c.oid, a.attnum))
  FROM pg_attribute a
  JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_type t ON t.oid = a.atttypid
  LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
  LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> t.typcollation
  WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'v', 'm', 'p') AND ${USER_NS} AND ${NOT_OWN("c")}
    AND NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.objid = c.oid AND dep.deptype = 'e')
  UNION ALL
  SELECT format('con %I.%I %I %s', n.nspname, c.relname, con.conname, pg_get_constraintdef(con.oid))
  FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE con.contype <> 'n' AND ${USER_NS} AND ${NOT_OWN("c")}
  UNION ALL
  SELECT format('idx %s', pg_get_indexdef(i.indexrelid))
  FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class c ON c.oid = i.indrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE ${USER_NS} AND ${NOT_OWN("c")}
    AND NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.objid = c.oid AND dep.deptype = 'e')
  UNION ALL
  SELECT format('seq %I.%I %s start=%s inc=%s min=%s max=%s cache=%s cycle=%s owned=%s', n.nspname, c.relname,
                format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle,
                (SELECT format('%s %I.%I.%I', dep.deptype, on2.nspname, oc.relname, oa.attname)
                 FROM pg_depend dep JOIN pg_class oc ON oc.oid = dep.refobjid JOIN pg_namespace on2 ON on2.oid = oc.relnamespace
                 JOIN pg_attribute oa ON oa.attrelid = dep.refobjid AND oa.attnum = dep.refobjsubid
                 WHERE dep.classid = 'pg_class'::regclass AND dep.objid = c.oid AND dep.deptype IN ('a', 'i')))
  FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE ${USER_NS}
    AND NOT EXISTS (SELECT 1 FROM pg_depend dep JOIN pg_class oc ON oc.oid = dep.refobjid
                    WHERE dep.classid = 'pg_class'::regclass AND dep.objid = c.oid AND ${NOT_OWN("oc").replace("<> ALL", "= ANY")})
    AND NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.objid = c.oid AND dep.deptype = 'e')
  UNION ALL
  SELECT format('enum %I.%I %s', n.nspname, t.typname,
                (SELECT string_agg(quote_literal(e.enumlabel), ',' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid))
  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.typtype = 'e' AND ${USER_NS}
  UNION ALL
  SELECT format('type %s %I.%I', t.typtype, n.nspname, t.typname)
  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
  WHERE t.typtype IN ('d', 'c') AND ${USER_NS}
    AND NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = t.typrelid AND c.relkind <> 'c')
    AND NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.objid = t.oid AND dep.deptype = 'e')
) lines ORDER BY line COLLATE "C"`;

/** Every user object as one sorted line each (PostgreSQL's own renderings); equal lines = equal catalogs. */
export async function catalogLines(executor: Pick<Executor, "query">): Promise<string[]> {
  const { rows } = await executor.query<{ line: string }>(LINES);
  return rows.map((row) => row.line);
}

/**
 * For comparing catalogs of different PostgreSQL majors (PGlite is 17, the
 * server may be older): since 16, pg_get_viewdef leaves columns of a
 * single-relation view unqualified (`SELECT id` where 15 writes `SELECT
 * content.id`). Only view lines are touched, and both sides the same way:
 * every `name.` qualifier is dropped, so a wrong table would still show.
 */
export function acrossMajors(catalog: readonly string[]): string[] {
  return catalog.map((line) => (/^rel [vm] /.test(line) ? line.replace(/(?<=view=[\s\S]*)(\b[a-z_][a-z0-9_]*|"[^"]+")\.(?=[a-z_"])/g, "") : line));
}
