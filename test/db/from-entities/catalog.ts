/**
 * A small catalog reader for the entity-reader DB tests: what a database holds,
 * in PostgreSQL's own renderings, read with search_path = pg_catalog so that
 * user types come out schema-qualified. Test-only; the product's introspector
 * lives in src/introspect.
 */
import type { Client } from "pg";

export interface CatalogColumn {
  table: string; // "schema.table"
  name: string;
  type: string;
  nullable: boolean;
  default: string | null;
  identity: string;
  generated: string;
  collation: string | null;
  comment: string | null;
}

export interface CatalogConstraint {
  table: string;
  name: string;
  kind: string;
  definition: string;
  columns: string[];
  onDelete: string;
  onUpdate: string;
  deferrable: boolean;
  deferred: boolean;
  referencedTable: string | null;
  referencedColumns: string[];
}

export interface CatalogIndex {
  table: string;
  name: string;
  unique: boolean;
  method: string;
  columns: string[];
  predicate: string | null;
}

const USER_SCHEMAS = `n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname NOT LIKE 'pg_toast_temp%'`;

export async function readColumns(client: Client, schemaFilter: string): Promise<CatalogColumn[]> {
  const { rows } = await client.query(`
    SELECT n.nspname || '.' || c.relname AS "table", a.attname AS name,
           format_type(a.atttypid, a.atttypmod) AS type, NOT a.attnotnull AS nullable,
           pg_get_expr(d.adbin, d.adrelid) AS "default", a.attidentity AS identity, a.attgenerated AS generated,
           CASE WHEN a.attcollation <> t.typcollation THEN co.collname END AS collation,
           col_description(c.oid, a.attnum) AS comment
    FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_type t ON t.oid = a.atttypid
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    LEFT JOIN pg_collation co ON co.oid = a.attcollation
    WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped AND ${USER_SCHEMAS}
      AND ${schemaFilter} AND c.relname <> 'typeorm_metadata'
    ORDER BY 1, a.attnum`);
  return rows as CatalogColumn[];
}

export async function readConstraints(client: Client, schemaFilter: string): Promise<CatalogConstraint[]> {
  const { rows } = await client.query(`
    SELECT n.nspname || '.' || c.relname AS "table", con.conname AS name, con.contype AS kind,
           pg_get_constraintdef(con.oid) AS definition,
           ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(num, ord)
                 JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.ord)::text[] AS columns,
           con.confdeltype AS "onDelete", con.confupdtype AS "onUpdate", con.condeferrable AS deferrable,
           con.condeferred AS deferred, fn.nspname || '.' || fc.relname AS "referencedTable",
           ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(num, ord)
                 JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.ord)::text[] AS "referencedColumns"
    FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_class fc ON fc.oid = con.confrelid LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
    WHERE con.contype IN ('p', 'u', 'f', 'c', 'x') AND ${USER_SCHEMAS} AND ${schemaFilter}
    ORDER BY 1, 2`);
  return rows as CatalogConstraint[];
}

export async function readIndexes(client: Client, schemaFilter: string): Promise<CatalogIndex[]> {
  const { rows } = await client.query(`
    SELECT n.nspname || '.' || c.relname AS "table", i.relname AS name, x.indisunique AS unique, am.amname AS method,
           ARRAY(SELECT a.attname FROM unnest(x.indkey) WITH ORDINALITY k(num, ord)
                 JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.num ORDER BY k.ord)::text[] AS columns,
           pg_get_expr(x.indpred, x.indrelid) AS predicate
    FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_am am ON am.oid = i.relam
    WHERE ${USER_SCHEMAS} AND ${schemaFilter} AND c.relname <> 'typeorm_metadata'
      AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = x.indexrelid
                      AND con.conrelid = x.indrelid AND con.contype IN ('p', 'u', 'x'))
    ORDER BY 1, 2`);
  return rows as CatalogIndex[];
}

export async function readEnums(client: Client): Promise<Array<{ name: string; values: string[] }>> {
  const { rows } = await client.query(`
    SELECT n.nspname || '.' || t.typname AS name, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS values
    FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
    GROUP BY 1 ORDER BY 1`);
  return rows as Array<{ name: string; values: string[] }>;
}

export async function readViews(client: Client): Promise<Array<{ name: string; materialized: boolean; definition: string }>> {
  const { rows } = await client.query(`
    SELECT n.nspname || '.' || c.relname AS name, c.relkind = 'm' AS materialized, pg_get_viewdef(c.oid) AS definition
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('v', 'm') AND ${USER_SCHEMAS}
    ORDER BY 1`);
  return rows as Array<{ name: string; materialized: boolean; definition: string }>;
}

export async function readTableComments(client: Client): Promise<Record<string, string | null>> {
  const { rows } = await client.query(`
    SELECT n.nspname || '.' || c.relname AS name, obj_description(c.oid, 'pg_class') AS comment
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind = 'r' AND ${USER_SCHEMAS} AND n.nspname NOT LIKE 'pg_temp%' AND c.relname <> 'typeorm_metadata'`);
  return Object.fromEntries(rows.map((row: { name: string; comment: string | null }) => [row.name, row.comment]));
}

export async function readExtensions(client: Client): Promise<string[]> {
  const { rows } = await client.query(`SELECT extname FROM pg_extension WHERE extname <> 'plpgsql' ORDER BY 1`);
  return rows.map((row: { extname: string }) => row.extname);
}
