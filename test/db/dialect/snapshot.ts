/** The catalog of some schemas as sorted lines: what a round trip must restore exactly. */
import type { SqlSession } from "./backends";

const SNAPSHOT = `
WITH ns AS (SELECT oid, nspname FROM pg_namespace WHERE nspname = ANY($1::text[]))
SELECT line FROM (
  SELECT 'schema ' || nspname AS line FROM ns
  UNION ALL
  SELECT format('rel %s %I.%I comment=%s view=%s', c.relkind, ns.nspname, c.relname,
                coalesce(obj_description(c.oid, 'pg_class'), '-'),
                CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) ELSE '-' END)
  FROM pg_class c JOIN ns ON ns.oid = c.relnamespace WHERE c.relkind IN ('r', 'v', 'm', 'S', 'p')
  UNION ALL
  SELECT format('col %I.%I.%I %s notnull=%s default=%s identity=%s generated=%s collation=%s comment=%s',
                ns.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                coalesce(pg_get_expr(d.adbin, d.adrelid), '-'), a.attidentity, a.attgenerated,
                coalesce(co.collname, '-'), coalesce(col_description(c.oid, a.attnum), '-'))
  FROM pg_attribute a
  JOIN pg_class c ON c.oid = a.attrelid JOIN ns ON ns.oid = c.relnamespace
  LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
  LEFT JOIN pg_type t ON t.oid = a.atttypid
  LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> t.typcollation
  WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'v', 'm', 'p')
  UNION ALL
  SELECT format('con %I.%I %I %s', ns.nspname, c.relname, con.conname, pg_get_constraintdef(con.oid))
  FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN ns ON ns.oid = c.relnamespace
  WHERE con.contype <> 'n' -- PostgreSQL 18 names NOT NULL constraints; attnotnull already says it
  UNION ALL
  SELECT 'idx ' || pg_get_indexdef(i.indexrelid)
  FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN ns ON ns.oid = c.relnamespace
  UNION ALL
  SELECT format('enum %I.%I %s', ns.nspname, t.typname, (SELECT string_agg(quote_literal(e.enumlabel), ',' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid))
  FROM pg_type t JOIN ns ON ns.oid = t.typnamespace WHERE t.typtype = 'e'
  UNION ALL
  SELECT format('ext %I in %I', x.extname, n.nspname) FROM pg_extension x JOIN pg_namespace n ON n.oid = x.extnamespace WHERE x.extname <> 'plpgsql'
) lines ORDER BY line COLLATE "C"`;

export async function snapshot(session: SqlSession, schemas: readonly string[]): Promise<string[]> {
  const rows = await session.query(SNAPSHOT, [schemas]);
  return rows.map((row) => String(row.line));
}
