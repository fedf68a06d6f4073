/** The one display helper: every name and value shown unambiguously, whatever it contains. */
import { describe, expect, it } from "vitest";
import { displayColumn, displayIdent, displayLiteral, displayQualified, displayTable, sortedByName } from "../../../src/model/names";

describe("display names", () => {
  it("doubles embedded quotes in every part, the default schema left out of a table's name", () => {
    expect(displayIdent('my "odd" name')).toBe('"my ""odd"" name"');
    expect(displayTable({ schema: "public", name: 'a"b' })).toBe('"a""b"');
    expect(displayTable({ schema: 's"x', name: "t" })).toBe('"s""x"."t"');
    expect(displayQualified({ schema: "public", name: "t" })).toBe('"public"."t"');
    expect(displayColumn({ schema: "public", name: "t" }, 'c"d')).toBe('"t"."c""d"');
  });

  it("shows a value as SQL writes it: quotes doubled, a backslash in the E'' form", () => {
    expect(displayLiteral("it's")).toBe("'it''s'");
    expect(displayLiteral("a\\b")).toBe("E'a\\\\b'");
  });

  it("never throws for a name SQL would refuse (empty, overlong): it only shows it", () => {
    expect(displayIdent("")).toBe('""');
    expect(displayIdent("x".repeat(70))).toBe(`"${"x".repeat(70)}"`);
  });

  it("sorts by name in code-unit order, whatever the locale", () => {
    expect(sortedByName([{ name: "b" }, { name: "B" }, { name: "a" }]).map((i) => i.name)).toEqual(["B", "a", "b"]);
  });
});
