import { describe, expect, it } from "vitest";
import { needsUsing, usingCast } from "../../../src/dialect/postgres/types/type-change";
import { isWidening, parseType } from "../../../src/dialect/postgres/types/widening";

const isEnum = (type: string): boolean => type.replace(/\[\]$/, "") === "public.mood";

describe("type changes", () => {
  it("parses format_type spellings", () => {
    expect(parseType("character varying(255)")).toEqual({ base: "character varying", args: [255], arrayDims: 0 });
    expect(parseType("numeric(10,2)[]")).toEqual({ base: "numeric", args: [10, 2], arrayDims: 1 });
    expect(parseType("timestamp(3) without time zone")).toEqual({ base: "timestamp without time zone", args: [3], arrayDims: 0 });
    expect(parseType("public.mood")).toEqual({ base: "public.mood", args: [], arrayDims: 0 });
  });

  it.each([
    ["text", "integer", true],
    ["character varying(10)", "character varying(20)", false],
    ["integer", "text", false],
    ["integer", "bigint", false],
    ["bigint", "integer", false],
    ["numeric(10,2)", "integer", false],
    ["json", "jsonb", false],
    ["text", "jsonb", true],
    ["timestamp without time zone", "timestamp with time zone", false],
    ["public.mood", "text", false],
    ["text", "public.mood", true],
    ["public.mood", "integer", true],
    ["integer", "integer[]", true],
    ["integer[]", "bigint[]", false],
    ["uuid", "text", false],
    ["text", "uuid", true],
  ])("%s -> %s needs USING: %s", (from, to, expected) => {
    expect(needsUsing(from, to, isEnum)).toBe(expected);
  });

  it("casts enums through text", () => {
    expect(usingCast("c", "public.mood", "integer", isEnum)).toBe('"c"::text::integer');
    expect(usingCast("my col", "text", "integer", isEnum)).toBe('"my col"::integer');
  });

  it.each([
    ["character varying(10)", "character varying(20)", true],
    ["character varying(20)", "character varying(10)", false],
    ["character varying(20)", "character varying", true],
    ["character varying(20)", "text", true],
    ["text", "character varying(20)", false],
    ["smallint", "integer", true],
    ["integer", "bigint", true],
    ["bigint", "integer", false],
    ["integer", "numeric(12,2)", true],
    ["integer", "numeric(8,2)", false],
    ["numeric(10,2)", "numeric(12,2)", true],
    ["numeric(10,2)", "numeric(10,3)", false],
    ["numeric(10,2)", "numeric(8,2)", false],
    ["numeric(10,2)", "numeric", true],
    ["real", "double precision", true],
    ["double precision", "real", false],
    ["bigint", "double precision", false],
    ["timestamp(3) without time zone", "timestamp(6) without time zone", true],
    ["timestamp(6) without time zone", "timestamp(3) without time zone", false],
    ["date", "timestamp with time zone", true],
    ["integer", "uuid", false],
    ["json", "jsonb", false],
  ])("%s -> %s widens: %s", (from, to, expected) => {
    expect(isWidening(from, to)).toBe(expected);
  });
});
