/**
 * Relative requires inside packages answered from directory listings
 * (src/speedups/listed-resolution.ts):
 * - each case of Node's search the listing decides (a file, `.js` beside a
 *   folder, a folder alone, symbolic links, a folder reached through a link)
 *   gets Node's own answer, or is left to Node;
 * - every relative require written in the installed TypeORM, pg and the
 *   other packages a run loads resolves to exactly the file Node resolves.
 */
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { listDirectory, resolveFromListing, type Listing } from "../../../src/speedups/listed-resolution";
import { filesUnder, packageRoot } from "../../helpers/installed-files";

const lists = (): ((dir: string) => Listing) => {
  const kept = new Map<string, Listing>();
  return (dir) => {
    if (!kept.has(dir)) kept.set(dir, listDirectory(dir));
    return kept.get(dir)!;
  };
};

/** Node's answer, or undefined where Node finds nothing. */
function nodeResolves(fromFile: string, request: string): string | undefined {
  try {
    return createRequire(fromFile).resolve(request);
  } catch {
    return undefined;
  }
}

describe("the cases a listing decides", () => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "migrator-listed-")));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const write = (path: string, text = "module.exports = 1;\n"): void => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  write("pkg/lib/a.js");
  write("pkg/lib/b"); // a file without extension
  write("pkg/lib/b.js");
  write("pkg/lib/both.js"); // a folder and a file of the same name
  write("pkg/lib/both/index.js");
  write("pkg/lib/folder/index.js"); // a folder only
  write("pkg/lib/data.json", "{}");
  write("pkg/other/c.js");
  write("pkg/real/d.js");
  symlinkSync(join(root, "pkg/lib/a.js"), join(root, "pkg/lib/linked.js"));
  symlinkSync(join(root, "pkg/real"), join(root, "pkg/lib/through"));
  const parent = join(root, "pkg/lib/a.js");

  it.each([
    ["./a", "a file by its name without .js"],
    ["./a.js", "a file by its full name"],
    ["./b", "a file without extension, before b.js"],
    ["./both", "name.js before the folder of the same name"],
    ["../other/c", "a file in a sibling folder"],
    ["./data.json", "a JSON file by its full name"],
  ])("%s: %s, as Node", (request) => {
    const answer = resolveFromListing(dirname(parent), request, lists());
    expect(answer).toBeDefined();
    expect(answer).toBe(nodeResolves(parent, request));
  });

  it.each([
    ["./folder", "a folder alone (its package.json or index.js)"],
    ["./missing", "nothing of that name"],
    ["./linked", "a symbolic link (Node returns its target)"],
    ["./through/d", "a file in a folder reached through a link (not its realpath)"],
    ["./folder/", "a trailing slash"],
    ["./both/.", "a path ending in /. (a folder to Node, though both.js exists)"],
    ["./both/..", "a path ending in /.."],
    ["pg", "a package name"],
    [".", "the folder itself"],
  ])("%s: %s, is left to Node", (request) => {
    expect(resolveFromListing(dirname(parent), request, lists())).toBeUndefined();
  });
});

describe("the installed packages a run loads", () => {
  it("every relative require in them resolves as Node resolves it", () => {
    const roots = ["typeorm", "pg", "pg-pool", "pg-protocol", "pg-types", "yargs-parser", "get-tsconfig", "@swc/core", "reflect-metadata", "tinyglobby", "@sqltools/formatter", "mysql2"].map(packageRoot);
    const list = lists();
    let decided = 0;
    const wrong: string[] = [];
    for (const root of roots) {
      for (const file of filesUnder(root, /\.c?js$/, ["node_modules"])) {
        for (const [, request] of readFileSync(file, "utf8").matchAll(/require\("(\.{1,2}\/[^"]*)"\)/g)) {
          const answer = resolveFromListing(dirname(file), request!, list);
          if (answer === undefined) continue;
          decided++;
          const node = nodeResolves(file, request!);
          if (answer !== node) wrong.push(`${file}: ${request} -> ${answer}, Node: ${node}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(decided).toBeGreaterThan(1000);
  });
});
