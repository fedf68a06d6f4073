/**
 * The TypeScript loader's module resolution: `./x.js` finds `./x.ts`, and a
 * bare specifier resolves per directory as Node resolves it (the loader keeps
 * those answers, since Node keeps none that went through a package's
 * `exports`): two folders with their own copy of a package each get theirs.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadUserModule } from "../../../src/loader";
import { withTempDir } from "../../helpers/tmp";

function writePackage(dir: string, version: string): void {
  const root = join(dir, "node_modules", "dual");
  mkdirSync(join(root, "lib"), { recursive: true });
  writeFileSync(join(root, "package.json"), JSON.stringify({ name: "dual", exports: { ".": "./lib/main.js" } }));
  writeFileSync(join(root, "lib", "main.js"), `exports.version = ${JSON.stringify(version)};\n`);
}

describe("TypeScript loader resolution", () => {
  it("resolves a package through its exports per directory, and ./x.js to ./x.ts", async () => {
    await withTempDir(async (dir) => {
      for (const [name, version] of [["a", "1"], ["b", "2"]] as const) {
        mkdirSync(join(dir, name));
        writePackage(join(dir, name), version);
        writeFileSync(join(dir, name, "helper.ts"), `export const twice = (n: number): number => n * 2;\n`);
        writeFileSync(
          join(dir, name, "entry.ts"),
          `import { version } from "dual";\nimport { twice } from "./helper.js";\nexport const seen = [version, version, twice(21)];\n`,
        );
        // a second module of the same folder asks again (the answer is reused)
        writeFileSync(join(dir, name, "again.ts"), `import { version } from "dual";\nexport const seen = version;\n`);
      }
      const load = (file: string) => loadUserModule(join(dir, file), dir) as { seen: unknown };
      expect(load("a/entry.ts").seen).toEqual(["1", "1", 42]);
      expect(load("b/entry.ts").seen).toEqual(["2", "2", 42]);
      expect(load("a/again.ts").seen).toBe("1");
      expect(load("b/again.ts").seen).toBe("2");
    });
  });
});

describe("typeorm and reflect-metadata lent to a project without them", () => {
  it("lends ours, and a path no copy has fails as Node's resolution does, not by a stack overflow", async () => {
    await withTempDir(async (dir) => {
      writeFileSync(join(dir, "lent.ts"), `import { DataSource } from "typeorm";\nexport const same = DataSource;\n`);
      writeFileSync(join(dir, "missing.ts"), `export const version = require("typeorm/package.json").version;\n`);
      const lent = loadUserModule(join(dir, "lent.ts"), dir) as { same: unknown };
      expect(lent.same).toBe((require("typeorm") as typeof import("typeorm")).DataSource);
      let thrown: unknown;
      try {
        loadUserModule(join(dir, "missing.ts"), dir);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(Error);
      expect(thrown).not.toBeInstanceOf(RangeError);
      expect((thrown as Error).message).toContain("typeorm/package.json");
    });
  });
});
