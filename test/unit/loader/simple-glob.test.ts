/**
 * The one-readdir reading of `folder/*.ext` globs answers exactly as
 * tinyglobby does (dot files, folders named like files, links to files and
 * folders, dangling links, case, names with spaces), and declines every
 * pattern it does not cover.
 */
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { globSync } from "tinyglobby";
import { describe, expect, it } from "vitest";
import { simpleGlob } from "../../../src/speedups/simple-glob";
import { withTempDir } from "../../helpers/tmp";

function tree(dir: string): void {
  mkdirSync(join(dir, "entities", "nested"), { recursive: true });
  mkdirSync(join(dir, "entities", "folder.ts"));
  mkdirSync(join(dir, "other"));
  for (const name of ["a.ts", "b.entity.ts", "B.TS", "c.js", "d.d.ts", ".hidden.ts", "with space.ts", "nested/e.ts", "ts", "x.ts.bak"]) {
    writeFileSync(join(dir, "entities", name), "");
  }
  writeFileSync(join(dir, "other", "target.ts"), "");
  symlinkSync(join(dir, "other", "target.ts"), join(dir, "entities", "linked.ts"));
  symlinkSync(join(dir, "other"), join(dir, "entities", "linked-folder"));
  mkdirSync(join(dir, "links"));
  writeFileSync(join(dir, "links", "file.ts"), "");
  symlinkSync(join(dir, "other"), join(dir, "links", "folder.ts"));
  symlinkSync(join(dir, "nowhere.ts"), join(dir, "entities", "dangling.ts"));
  symlinkSync(join(dir, "other"), join(dir, "via-link"));
}

const SIMPLE = ["entities/*.ts", "entities/*.js", "links/*.js", "entities/*.entity.ts", "entities/b*", "entities/*s", "entities/nested/*.ts", "via-link/*.ts", "missing/*.ts", "*.ts", "entities/*.TS"];
const NOT_SIMPLE = ["entities/linked-*", "entities/*", "links/*.ts","entities/**/*.ts", "entities/*.{ts,js}", "entities/?.ts", "entities/[ab].ts", "./entities/*.ts", "entities/../entities/*.ts", "*/a.ts", "entities/*.*", "entities/.*.ts", "!entities/*.ts", "node_modules/x/*.js", "entities/a.ts", "entities/@(a).ts"];

describe("simpleGlob", () => {
  it.runIf(process.platform !== "win32")("matches what tinyglobby matches for folder/*.ext patterns", async () => {
    await withTempDir(async (dir) => {
      tree(dir);
      for (const pattern of SIMPLE) {
        const ours = simpleGlob(pattern, dir);
        const theirs = globSync(pattern, { cwd: dir, absolute: true, ignore: ["**/node_modules/**"] });
        expect({ pattern, files: ours?.sort() }).toEqual({ pattern, files: theirs.sort() });
      }
    });
  });

  it("declines every other pattern, and a folder where a matching link leads to a folder", async () => {
    await withTempDir(async (dir) => {
      tree(dir);
      for (const pattern of NOT_SIMPLE) expect({ pattern, files: simpleGlob(pattern, dir) }).toEqual({ pattern, files: null });
    });
  });
});
