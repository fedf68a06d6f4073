/**
 * Random, self-consistent schema models for property tests, built from a seed
 * so a failing case is reproducible from the seed fast-check prints. Small
 * name pools make two models overlap a lot: the interesting case for a diff.
 */
import type { ColumnModel, EnumModel, IndexModel, SchemaModel, TableModel, ViewModel } from "../../../src/model/types";

type Rng = () => number;

function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
const chance = (rng: Rng, p: number): boolean => rng() < p;
function subset<T>(rng: Rng, items: readonly T[], p = 0.5): T[] {
  return items.filter(() => chance(rng, p));
}
function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const BASE_TYPES = ["integer", "bigint", "smallint", "text", "character varying(10)", "character varying(20)", "numeric(10,2)", "numeric(8,2)", "jsonb"];

export function randomModel(seed: number): SchemaModel {
  const rng = mulberry32(seed);
  const enums: EnumModel[] = subset(rng, ["mood", "level"]).map((name) => {
    const values = shuffled(rng, subset(rng, ["a", "b", "c", "d"], 0.7));
    return { schema: "public", name, values: values.length > 0 ? (chance(rng, 0.6) ? values.sort() : values) : ["a"] };
  });
  const types = [...BASE_TYPES, ...enums.flatMap((e) => [`public.${e.name}`, `public.${e.name}[]`])];

  const tableNames = subset(rng, ["users", "orders", "items", "tags"], 0.6).map((name) => ({
    schema: chance(rng, 0.2) ? "sales" : "public",
    name,
  }));
  const tables: TableModel[] = tableNames.map((name) => {
    const columns: ColumnModel[] = [
      { ...column("id", pick(rng, ["integer", "bigint"])), nullable: false, identity: chance(rng, 0.3) ? pick(rng, ["ALWAYS", "BY DEFAULT"] as const) : null },
      ...subset(rng, ["a", "b", "c", "d"], 0.5).map((n) => ({
        ...column(n, pick(rng, types)),
        nullable: chance(rng, 0.6),
        default: chance(rng, 0.3) ? pick(rng, ["0", "'x'::text", "now()"]) : null,
        collation: chance(rng, 0.1) ? '"C"' : null,
        comment: chance(rng, 0.2) ? pick(rng, ["one", "two"]) : null,
      })),
    ];
    const others = columns.slice(1).map((c) => c.name);
    const indexes: IndexModel[] = subset(rng, [1, 2], 0.4)
      .filter(() => others.length > 0)
      .map((n) => ({
        name: `IDX_${name.name}_${n}`,
        unique: chance(rng, 0.3),
        method: pick(rng, ["btree", "btree", "hash"]),
        keys: [{ column: pick(rng, others), descending: chance(rng, 0.2) }],
        where: chance(rng, 0.2) ? "(id > 0)" : null,
        include: [],
      }));
    return {
      ...name,
      columns,
      primaryKey: chance(rng, 0.9) ? { name: pick(rng, [`PK_${name.name}`, `PK_${name.name}_2`]), columns: ["id"] } : null,
      uniques: others.length > 0 && chance(rng, 0.3) ? [{ name: `UQ_${name.name}`, columns: [pick(rng, others)], deferrable: chance(rng, 0.3), initiallyDeferred: false }] : [],
      indexes,
      foreignKeys: [],
      checks: chance(rng, 0.3) ? [{ name: `CHK_${name.name}`, expression: pick(rng, ["(id > 0)", "(id > 1)"]) }] : [],
      exclusions: chance(rng, 0.1) ? [{ name: `EX_${name.name}`, definition: "USING gist (id WITH =)" }] : [],
      comment: chance(rng, 0.2) ? pick(rng, ["table one", "table two"]) : null,
    };
  });
  // Foreign keys from a column to another table's primary key.
  const withKeys = tables.map((t) => {
    const targets = tables.filter((o) => o.primaryKey !== null);
    const fkColumns = t.columns.slice(1).filter((c) => c.type === "integer" || c.type === "bigint");
    const foreignKeys = fkColumns
      .filter(() => targets.length > 0 && chance(rng, 0.5))
      .map((c) => {
        const target = pick(rng, targets);
        return {
          name: `FK_${t.name}_${c.name}`,
          columns: [c.name],
          referencedTable: { schema: target.schema, name: target.name },
          referencedColumns: ["id"],
          onDelete: pick(rng, ["NO ACTION", "CASCADE"] as const),
          onUpdate: "NO ACTION" as const,
          deferrable: chance(rng, 0.2),
          initiallyDeferred: false,
        };
      });
    return { ...t, foreignKeys };
  });
  const views: ViewModel[] = subset(rng, ["report", "summary"], 0.3).map((name) => {
    const materialized = chance(rng, 0.4);
    const over = tables.length > 0 ? pick(rng, tables) : null;
    return {
      schema: "public",
      name,
      materialized,
      definition: over ? ` SELECT ${over.name}.id FROM ${over.schema}.${over.name}` : pick(rng, [" SELECT 1 AS id", " SELECT 2 AS id"]),
      indexes: materialized && chance(rng, 0.5) ? [{ name: `IDX_${name}`, unique: false, method: "btree", keys: [{ column: "id" }], where: null, include: [] }] : [],
    };
  });
  const schemas = [...new Set([...tables.map((t) => t.schema), ...(chance(rng, 0.2) ? ["spare"] : [])])].filter((s) => s !== "public").sort();
  const extensions = subset(rng, ["citext", "hstore"], 0.3).map((name) => ({ name, schema: null }));
  return { schemas, extensions, enums, tables: withKeys, views };
}

function column(name: string, type: string): ColumnModel {
  return { name, type, nullable: true, default: null, identity: null, serial: false, generated: null, collation: null, comment: null };
}
