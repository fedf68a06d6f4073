/**
 * The packages TypeORM requires at load and uses only later
 * (src/speedups/typeorm-lazy-packages.ts):
 * - in the installed TypeORM, every require of them is a binding at the top
 *   of a module that is read only as `binding.name`, inside functions;
 * - in a real process, building metadata loads none of them, and formatting
 *   SQL, colouring it and globbing files through TypeORM answer exactly as
 *   without the stand-ins.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEFERRED_PACKAGES, loadedOnFirstUse } from "../../../src/speedups/typeorm-lazy-packages";
import { typeormFiles, typeormRoot } from "../../helpers/installed-files";

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/@]/g, "\\$&");

describe("the installed TypeORM", () => {
  it("reads each deferred package only as binding.name, inside functions", () => {
    const uses: string[] = [];
    const offenders: string[] = [];
    for (const file of typeormFiles()) {
      const source = readFileSync(file, "utf8");
      for (const name of DEFERRED_PACKAGES) {
        if (!source.includes(`require("${name}")`)) continue;
        const declaration = new RegExp(`^const (\\w+) = require\\("${escape(name)}"\\);$`, "m").exec(source);
        const requires = source.split(`require("${name}")`).length - 1;
        if (declaration === null || requires !== 1) {
          offenders.push(`${file}: ${name} is not required as one plain binding`);
          continue;
        }
        const binding = declaration[1]!;
        const lines = source.split("\n");
        for (const line of lines) {
          if (line === declaration[0]) continue;
          for (const use of line.matchAll(new RegExp(`\\b${binding}\\b(.?)`, "g"))) {
            uses.push(`${name} in ${file.slice(typeormRoot.length + 1)}`);
            // a member read, in an indented line (a function body, not the module's top level)
            if (use[1] !== "." || !/^\s/.test(line)) offenders.push(`${file}: ${line.trim()}`);
          }
        }
      }
    }
    expect(offenders).toEqual([]);
    // the three are required and used somewhere: a TypeORM that dropped them would make this test vacuous
    for (const name of DEFERRED_PACKAGES) expect(uses.some((use) => use.startsWith(`${name} in`))).toBe(true);
  });
});

describe("the stand-in", () => {
  it("loads on the first question and answers every later one from the module", () => {
    let loads = 0;
    const real = { format: (text: string) => `[${text}]`, constant: 7 };
    const lazy = loadedOnFirstUse(() => {
      loads++;
      return real;
    }) as typeof real;
    expect(loads).toBe(0);
    expect(lazy.format("x")).toBe("[x]");
    expect(lazy.constant).toBe(7);
    expect("format" in lazy).toBe(true);
    expect(Object.keys(lazy).sort()).toEqual(["constant", "format"]);
    expect({ ...lazy }).toEqual(real);
    expect(loads).toBe(1);
  });
});

describe("in a process that defers", () => {
  const dir = mkdtempSync(join(tmpdir(), "migrator-lazy-packages-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, "classes"));
  writeFileSync(join(dir, "classes", "found.js"), "exports.Found = class Found {};\n");

  const child = (lazy: boolean): Record<string, unknown> => {
    const result = spawnSync(process.execPath, [join(__dirname, "..", "..", "helpers", "lazy-packages-child.js")], {
      env: { ...process.env, LAZY: lazy ? "1" : "0", MIGRATOR_SPEEDUPS: "", GLOB_DIR: join(dir, "classes") },
      encoding: "utf8",
    });
    if (result.status !== 0) throw new Error(`child exited ${result.status}: ${result.stderr}`);
    return JSON.parse(result.stdout) as Record<string, unknown>;
  };

  it("builds metadata without them, and TypeORM's formatting, colouring and globbing answer as before", () => {
    const plain = child(false);
    const lazy = child(true);
    expect(plain.afterBuild).toEqual(expect.arrayContaining(["tinyglobby", "@sqltools/formatter", "sql-highlight"]));
    expect(lazy.afterBuild).toEqual([]);
    expect(lazy.afterUse).toEqual(plain.afterUse);
    for (const key of ["formatted", "highlighted", "found", "tables"]) expect(lazy[key]).toEqual(plain[key]);
    expect(lazy.found).toEqual(["Found"]);
  });
});
