/**
 * Entity globs read as every glob-taking tool reads them (`!` excludes; a
 * pattern matching nothing is a warning while others match), and decorators
 * applied a tick after import (feature-flag columns) are in the model, as
 * they are once TypeORM's own initialize() has connected.
 */
import { describe, expect, it } from "vitest";
import { EntityError } from "../../../src/errors";
import { withTempDir } from "../../helpers/tmp";
import { DECORATOR_TSCONFIG, load, modelOf, tableOf, writeTree } from "./project";

const entity = (name: string, table: string): string =>
  `import { Entity, PrimaryGeneratedColumn } from "typeorm";\n@Entity("${table}")\nexport class ${name} {\n  @PrimaryGeneratedColumn() id!: number;\n}\n`;

describe("entity globs", () => {
  it("`!pattern` excludes, and an empty pattern beside others is a warning", async () => {
    await withTempDir(async (dir) => {
      writeTree(dir, {
        "tsconfig.json": DECORATOR_TSCONFIG,
        "src/models/account.ts": entity("Account", "account"),
        "src/models/_draft.ts": entity("Draft", "draft"),
        "src/models/_scratch.ts": `throw new Error("an excluded file is never loaded");\n`,
      });
      const loaded = await load(dir, ["src/models/*.ts", "!src/models/_*.ts", "src/legacy/*.ts"]);
      expect((await modelOf(loaded)).tables.map((t) => t.name)).toEqual(["account"]);
      expect(loaded.warnings).toEqual(['no entity files match "src/legacy/*.ts" (after exclusions)']);
    });
  });

  it("no file at all is an error naming the patterns", async () => {
    await withTempDir(async (dir) => {
      writeTree(dir, { "src/models/_draft.ts": entity("Draft", "draft") });
      await expect(load(dir, ["src/models/*.ts", "!src/models/_*.ts"])).rejects.toThrow(EntityError);
      await expect(load(dir, ["src/models/*.ts", "!src/models/_*.ts"])).rejects.toThrow(/no entity files match "src\/models\/\*\.ts" \(after exclusions\)/);
    });
  });

  it("a file that exports nothing is named in a warning", async () => {
    await withTempDir(async (dir) => {
      writeTree(dir, { "tsconfig.json": DECORATOR_TSCONFIG, "entities/a.ts": entity("Kept", "kept"), "entities/b.ts": "" });
      const loaded = await load(dir, ["entities/*.ts"]);
      expect(loaded.warnings).toEqual(["entities/b.ts exports nothing; the tables of entities it used to define would be dropped"]);
    });
  });
});

describe("decorators applied after import", () => {
  it("a column added in setImmediate and one added when a promise resolves are in the model", async () => {
    await withTempDir(async (dir) => {
      writeTree(dir, {
        "tsconfig.json": DECORATOR_TSCONFIG,
        "entities/feature.ts": `
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
@Entity()
export class Feature {
  @PrimaryGeneratedColumn() id!: number;
}
// feature flags read "later", as some applications do
setImmediate(() => Column({ type: "boolean", default: false })(Feature.prototype, "beta"));
Promise.resolve().then(() => Promise.resolve()).then(() => Column({ type: "text", nullable: true })(Feature.prototype, "note"));
`,
      });
      const loaded = await load(dir, ["entities/*.ts"]);
      expect(tableOf(await modelOf(loaded), "feature").columns.map((c) => c.name).sort()).toEqual(["beta", "id", "note"]);
    });
  });
});
