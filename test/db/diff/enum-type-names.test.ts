/** The differ spells enum types the way format_type prints them, keywords and odd names included. */
import { describe, expect, it } from "vitest";
import { introspect } from "../../../src/dialect/postgres/introspect";
import { enumTypeName } from "../../../src/dialect/postgres/types/identifiers";
import { backendsUnderTest, withDatabase } from "../../helpers/databases";

const NAMES = ["mood", "user", "order", "Mood Swing", "with\"quote"];

describe.each(backendsUnderTest())("enum type names, on $name", (backend) => {
  it("match the introspected column types", async () => {
    await withDatabase(backend, async ({ executor }) => {
      const q = (name: string): string => `"${name.replace(/"/g, '""')}"`;
      await executor.exec(
        NAMES.map((name) => `CREATE TYPE public.${q(name)} AS ENUM ('a')`).join("; ") +
          `; CREATE TABLE public.t (${NAMES.map((name, i) => `c${i} public.${q(name)}`).join(", ")})`,
      );
      const model = await introspect(executor, { schemas: ["public"] });
      const types = model.tables.find((t) => t.name === "t")?.columns.map((c) => c.type);
      expect(types).toEqual(NAMES.map((name) => enumTypeName({ schema: "public", name })));
    });
  });
});
