/** Names and types as the parser gives them, in the model's terms. */
import type { Node, RangeVar, TypeName } from "libpg-query";
import { DEFAULT_SCHEMA, type QualifiedName } from "../../../model/types";

/** An unqualified name is taken to be in the default schema (lint has no search_path). */
export function tableOf(relation: RangeVar | undefined): QualifiedName | undefined {
  if (relation?.relname === undefined) return undefined;
  return { schema: relation.schemaname ?? DEFAULT_SCHEMA, name: relation.relname };
}

/** A `[schema, name]` list of String nodes (DROP TABLE's objects). */
export function tableOfList(node: Node | undefined): QualifiedName | undefined {
  if (node === undefined || !("List" in node)) return undefined;
  const words = (node.List.items ?? []).map(stringOf);
  if (words.some((word) => word === undefined) || words.length === 0 || words.length > 3) return undefined;
  const name = words[words.length - 1] as string;
  return { schema: words.length > 1 ? (words[words.length - 2] as string) : DEFAULT_SCHEMA, name };
}

export function stringOf(node: Node | undefined): string | undefined {
  return node !== undefined && "String" in node ? node.String.sval : undefined;
}

/** The parser's internal type names, as the catalog (format_type) spells them. */
const CATALOG_NAMES: Readonly<Record<string, string>> = {
  int2: "smallint",
  int4: "integer",
  int8: "bigint",
  float4: "real",
  float8: "double precision",
  bool: "boolean",
  bpchar: "character",
  varchar: "character varying",
  varbit: "bit varying",
  timestamp: "timestamp without time zone",
  timestamptz: "timestamp with time zone",
  time: "time without time zone",
  timetz: "time with time zone",
};

/** `character varying(20)`, `numeric(10,2)`, `integer[]`: a TypeName in format_type's spelling (the modifier before `with time zone`). */
export function typeText(type: TypeName | undefined): string {
  const names = (type?.names ?? []).map(stringOf).filter((name): name is string => name !== undefined);
  const last = names[names.length - 1] ?? "?";
  const builtin = names.length === 1 || names[0] === "pg_catalog";
  const base = builtin ? (CATALOG_NAMES[last] ?? last) : names.join(".");
  const mods = (type?.typmods ?? []).map(modifierOf);
  const modifier = mods.length > 0 && mods.every((mod) => mod !== undefined) ? `(${mods.join(",")})` : "";
  const brackets = "[]".repeat(type?.arrayBounds?.length ?? 0);
  const zone = / with(out)? time zone$/.exec(base);
  const spelled = zone !== null && modifier !== "" ? `${base.slice(0, zone.index)}${modifier}${zone[0]}` : `${base}${modifier}`;
  return `${spelled}${brackets}`;
}

function modifierOf(node: Node): number | undefined {
  if (!("A_Const" in node)) return undefined;
  // the parser's JSON leaves a zero out: `{ ival: {} }`
  return node.A_Const.ival === undefined ? undefined : (node.A_Const.ival.ival ?? 0);
}
