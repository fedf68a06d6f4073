/**
 * Entity files compile with swc's helpers shared (externalHelpers): each
 * module requires `@swc/helpers/_/...`, which resolves to the CommonJS build
 * installed with migrator, whatever the project has: here a project whose
 * own @swc/helpers would throw if it were used. The decorators still run
 * (the table and its typed columns are read), and the transpiled text
 * carries no copy of the helpers.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createCache, transpile } from "../../../src/loader/transpile";
import { DECORATOR_TSCONFIG, load, modelOf, tableOf, writeTree } from "./project";

const ENTITY = `import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
@Entity()
export class Ledger {
  @PrimaryGeneratedColumn() id!: number;
  @Column() title!: string;
  @Column() posted!: boolean;
}
`;

const HOSTILE_HELPER = `throw new Error("the project's own @swc/helpers was used");\n`;

describe("swc's helpers, shared", () => {
  it("come from migrator's install, not the project's, and the decorators run", async () => {
    const dir = mkdtempSync(join(tmpdir(), "migrator-swc-helpers-"));
    try {
      writeTree(dir, {
        "tsconfig.json": DECORATOR_TSCONFIG,
        "entities/ledger.ts": ENTITY,
        "node_modules/@swc/helpers/package.json": JSON.stringify({ name: "@swc/helpers", version: "0.0.1", exports: { "./_/*": "./broken.js", "./package.json": "./package.json" } }),
        "node_modules/@swc/helpers/broken.js": HOSTILE_HELPER,
      });
      const loaded = await load(dir, ["entities/*.ts"]);
      const table = tableOf(await modelOf(loaded), "ledger");
      expect(table.columns.map((c) => [c.name, c.type])).toEqual([
        ["id", "integer"],
        ["title", "character varying"],
        ["posted", "boolean"],
      ]);
      const helpers = Object.keys(require.cache).filter((file) => file.includes(`${join("@swc", "helpers")}`));
      expect(helpers.some((file) => file.endsWith(join("cjs", "_ts_decorate.cjs")))).toBe(true);
      expect(helpers.some((file) => file.startsWith(dir))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the transpiled text requires the helpers instead of defining them", () => {
    const code = transpile(ENTITY, "/project/entities/ledger.ts", createCache(null));
    expect(code).toContain('require("@swc/helpers/_/_ts_decorate")');
    expect(code).not.toMatch(/function _ts_decorate\(/);
  });
});
