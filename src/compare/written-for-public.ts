/**
 * A comparison made in a tenant's schema, as autogenerate writes it: with
 * `public` in the tenant's place, in names and in SQL text alike
 * (`'open'::tenant_a.status` -> `'open'::public.status`). The revision then
 * reads exactly as one compared with a plain database, names its tables
 * plainly, and runs in any tenant's schema as in public (runtime/home.ts).
 * Objects the entities place in public themselves are written as public's,
 * as they are when the reference is public.
 */
import type { Dialect } from "../dialect";
import { ConfigError } from "../errors";
import { DEFAULT_SCHEMA } from "../model/types";
import { moveModel, moveSchema, type SchemaMove } from "../ops/move-schema";
import type { Comparison } from "./index";

export function writtenForPublic(comparison: Comparison, schema: string, dialect: Pick<Dialect, "name" | "quote">): Comparison {
  if (schema === DEFAULT_SCHEMA) return comparison;
  const requalify = dialect.quote.requalify;
  if (requalify === undefined) throw new ConfigError(`${dialect.name} has no schemas inside a database: a reference target cannot name schema "${schema}"`);
  const move: SchemaMove = { schema: (s) => (s === schema ? DEFAULT_SCHEMA : s), sql: (text) => requalify(text, schema, DEFAULT_SCHEMA) };
  // the tenant's schema is the revision's default one: never created or dropped by it
  const ops = comparison.ops.filter((op) => !((op.kind === "createSchema" || op.kind === "dropSchema") && op.schema === schema));
  return {
    ...comparison,
    ops: ops.map((op) => moveSchema(op, move)),
    target: moveModel(comparison.target, move),
    current: moveModel(comparison.current, move),
    concurrentIndexes: new Set([...comparison.concurrentIndexes].map((key) => (key.startsWith(`${schema}\u0000`) ? `${DEFAULT_SCHEMA}${key.slice(schema.length)}` : key))),
  };
}
