/**
 * Primary keys, uniques, foreign keys, checks and exclusions from
 * pg_constraint. Key columns keep their declared order (conkey order);
 * checks are the expression PostgreSQL stored (pg_get_expr of conbin, i.e.
 * what pg_get_constraintdef prints inside CHECK (...)); exclusions are
 * pg_get_constraintdef without its leading EXCLUDE.
 */
import type {
  CheckModel,
  ExclusionModel,
  ForeignKeyModel,
  PrimaryKeyModel,
  ReferentialAction,
  UniqueModel,
} from "../../../model/types";
import { MigratorError } from "../../../errors";
import { flag, rowsOf, text, textOrNull, texts, type JsonRow } from "./rows";
import { RELATION_FILTER } from "./scope";

const columnNames = (keys: string, relation: string): string => `ARRAY(
  SELECT a.attname::text FROM unnest(${keys}) WITH ORDINALITY key(num, ord)
  JOIN pg_attribute a ON a.attrelid = ${relation} AND a.attnum = key.num ORDER BY key.ord)`;

export const CONSTRAINTS_SQL = `SELECT coalesce(json_agg(json_build_object(
    'schema', n.nspname, 'table', c.relname, 'name', k.conname, 'kind', k.contype::text,
    'columns', ${columnNames("k.conkey", "k.conrelid")},
    'deferrable', k.condeferrable, 'deferred', k.condeferred,
    'refSchema', rn.nspname, 'refTable', rc.relname,
    'refColumns', ${columnNames("k.confkey", "k.confrelid")},
    'onDelete', k.confdeltype::text, 'onUpdate', k.confupdtype::text,
    'check', CASE WHEN k.contype = 'c' THEN pg_get_expr(k.conbin, k.conrelid) END,
    'definition', CASE WHEN k.contype = 'x' THEN pg_get_constraintdef(k.oid) END
  )), '[]'::json)
  FROM pg_constraint k
  JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_class rc ON rc.oid = k.confrelid LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace
  WHERE k.contype IN ('p', 'u', 'f', 'c', 'x') AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND ${RELATION_FILTER}`;

export interface TableConstraints {
  primaryKey: PrimaryKeyModel | null;
  readonly uniques: UniqueModel[];
  readonly foreignKeys: ForeignKeyModel[];
  readonly checks: CheckModel[];
  readonly exclusions: ExclusionModel[];
}

export function emptyConstraints(): TableConstraints {
  return { primaryKey: null, uniques: [], foreignKeys: [], checks: [], exclusions: [] };
}

/** Adds each constraint row to its table's bucket (found through `bucketOf`). */
export function readConstraintRows(json: unknown, bucketOf: (schema: string, table: string) => TableConstraints | undefined): void {
  for (const row of rowsOf(json, "constraint")) {
    const bucket = bucketOf(text(row, "schema"), text(row, "table"));
    if (bucket === undefined) continue;
    const name = text(row, "name");
    const columns = texts(row, "columns");
    const deferral = { deferrable: flag(row, "deferrable"), initiallyDeferred: flag(row, "deferred") };
    switch (text(row, "kind")) {
      case "p":
        bucket.primaryKey = { name, columns };
        break;
      case "u":
        bucket.uniques.push({ name, columns, ...deferral });
        break;
      case "f":
        bucket.foreignKeys.push(readForeignKey(row, name, columns, deferral));
        break;
      case "c":
        bucket.checks.push({ name, expression: text(row, "check") });
        break;
      case "x":
        bucket.exclusions.push({ name, definition: text(row, "definition").replace(/^EXCLUDE /, "") });
        break;
    }
  }
}

function readForeignKey(
  row: JsonRow,
  name: string,
  columns: string[],
  deferral: { deferrable: boolean; initiallyDeferred: boolean },
): ForeignKeyModel {
  return {
    name,
    columns,
    referencedTable: { schema: text(row, "refSchema"), name: text(row, "refTable") },
    referencedColumns: texts(row, "refColumns"),
    onDelete: action(textOrNull(row, "onDelete"), name),
    onUpdate: action(textOrNull(row, "onUpdate"), name),
    ...deferral,
  };
}

function action(code: string | null, constraint: string): ReferentialAction {
  switch (code) {
    case "a":
      return "NO ACTION";
    case "r":
      return "RESTRICT";
    case "c":
      return "CASCADE";
    case "n":
      return "SET NULL";
    case "d":
      return "SET DEFAULT";
    default:
      throw new MigratorError(`foreign key ${constraint} has an unknown referential action code ${JSON.stringify(code)}`);
  }
}
