/**
 * Which databases a MySQL catalog read covers: the schemas asked for, the
 * default one standing for the session's database. compare reads the default
 * schema first and the entities' other schemas in a second read, then merges
 * the two: a second read that also covered the session's database listed its
 * tables twice.
 */
import { describe, expect, it } from "vitest";
import { schemaMap } from "../../../src/dialect/mysql/introspect/scope";
import { DEFAULT_SCHEMA } from "../../../src/model/types";

describe("schemaMap", () => {
  it("covers the schemas asked for, and only them", () => {
    expect(schemaMap([DEFAULT_SCHEMA], DEFAULT_SCHEMA, "shop").databases).toEqual(["shop"]);
    expect(schemaMap(["billing", "audit"], DEFAULT_SCHEMA, "shop").databases).toEqual(["billing", "audit"]);
    expect(schemaMap([DEFAULT_SCHEMA, "billing"], DEFAULT_SCHEMA, "shop").databases).toEqual(["shop", "billing"]);
  });

  it("reads the session's database when no schema is named", () => {
    expect(schemaMap([], DEFAULT_SCHEMA, "shop").databases).toEqual(["shop"]);
  });

  it("names the session's database by the default schema, others by their own name", () => {
    const { toSchema } = schemaMap(["billing"], DEFAULT_SCHEMA, "shop");
    expect([toSchema("shop"), toSchema("billing")]).toEqual([DEFAULT_SCHEMA, "billing"]);
  });
});
