import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MigratorError } from "../../../src/errors";
import { propertyKey, renderValue } from "../../../src/render";
import { loadRevision } from "./run-rendered";

/** Evaluate a rendered literal as the TypeScript a revision would run. */
function evaluate(literal: string): unknown {
  let captured: unknown;
  const source = `export async function upgrade(op: any): Promise<void> { op(${literal}); }\nexport async function downgrade(): Promise<void> {}\n`;
  void loadRevision(source).upgrade(((value: unknown) => (captured = value)) as never);
  return captured;
}

describe("renderValue", () => {
  it("prints literals, keys in the order given, undefined keys left out", () => {
    expect(renderValue({ b: 1, a: "x", skip: undefined, "odd key": [true, null, -0], __proto__x: 2 })).toBe(
      '{ b: 1, a: "x", "odd key": [true, null, -0], __proto__x: 2 }',
    );
    expect(renderValue('say "hi"\n\\ ${x}')).toBe('"say \\"hi\\"\\n\\\\ ${x}"');
    expect(renderValue([NaN, Infinity, -Infinity, 10n])).toBe("[NaN, Infinity, -Infinity, 10n]");
    expect(renderValue(new Date("2026-01-02T03:04:05.000Z"))).toBe('new Date("2026-01-02T03:04:05.000Z")');
    expect(renderValue(new Uint8Array([1, 255]))).toBe("new Uint8Array([1, 255])");
    expect(renderValue({})).toBe("{}");
    expect(renderValue([])).toBe("[]");
  });

  it("breaks a value wider than the line, one item per line", () => {
    const wide = { first: "a".repeat(40), second: "b".repeat(40), third: ["c".repeat(30)] };
    expect(renderValue(wide)).toBe(`{\n  first: "${"a".repeat(40)}",\n  second: "${"b".repeat(40)}",\n  third: ["${"c".repeat(30)}"],\n}`);
  });

  it("quotes keys that are not identifiers, and writes __proto__ as a computed key", () => {
    expect(propertyKey("a_b$1")).toBe("a_b$1");
    expect(propertyKey("1a")).toBe('"1a"');
    expect(propertyKey("__proto__")).toBe('["__proto__"]');
  });

  it("evaluates back to the same value (JSON-like values)", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(evaluate(renderValue(value))).toStrictEqual(value);
      }),
      { numRuns: 200 },
    );
  });

  it("a row with an own __proto__ key stays a plain row", () => {
    const row = JSON.parse('{"__proto__": 1, "a": 2}') as unknown;
    expect(evaluate(renderValue(row))).toStrictEqual(row);
  });

  it("refuses values that have no literal", () => {
    expect(() => renderValue(() => 1)).toThrow(MigratorError);
    expect(() => renderValue(new Map())).toThrow(/Map instance/);
    const cycle: unknown[] = [];
    cycle.push(cycle);
    expect(() => renderValue(cycle)).toThrow(/contains itself/);
  });
});
