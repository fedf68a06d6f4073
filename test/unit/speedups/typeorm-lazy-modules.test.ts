/**
 * Deferred loading of TypeORM's modules (src/speedups/typeorm-lazy-modules.ts):
 * - the line classifier takes tsc's declaration-only output and refuses
 *   anything that runs code at load;
 * - on every module of the installed TypeORM it would defer, an independent
 *   reading agrees: swc's parse of the top level finds declarations only, and
 *   the export names it read are exactly the module's own;
 * - in a real process, TypeORM's metadata of a few entities is the same with
 *   and without it, classes reached two ways are one, far fewer of TypeORM's
 *   files compile, and a deferred module runs when first used.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseSync } from "@swc/core";
import type { ModuleItem } from "@swc/core";
import { describe, expect, it } from "vitest";
import { lazyExportNames } from "../../../src/speedups/typeorm-lazy-modules";
import { projectRequire, typeormFiles, typeormRoot } from "../../helpers/installed-files";

/** A top-level statement that only declares: no call, no assignment but to `exports.X`, nothing run at load but requires. */
function declaresOnly(item: ModuleItem, source: Buffer, base: number): boolean {
  // swc's spans count bytes
  const slice = (span: { start: number; end: number }): string => source.subarray(span.start - base, span.end - base).toString("utf8");
  const text = slice(item.span);
  switch (item.type) {
    case "ClassDeclaration":
      // static members run at load: only literal values set on the class itself
      return item.body.every((member) => {
        if (member.type === "StaticBlock") return /^static \{(\s*this\.\w+ = [^();]*;)+\s*\}$/.test(slice(member.span));
        if (member.type === "ClassProperty" && member.isStatic) return !/[()]/.test(slice(member.span));
        return true;
      });
    case "FunctionDeclaration":
      return true;
    case "VariableDeclaration":
      return item.declarations.every((d) => !d.init || /^(tslib_1\.__import(Default|Star)\()?require\("[^"]+"\)\)?$/.test(slice((d.init as { span: { start: number; end: number } }).span)));
    case "ExpressionStatement":
      return (
        /^"use strict";?$/.test(text) ||
        /^Object\.defineProperty\(exports, "__esModule", \{ value: true \}\);?$/.test(text) ||
        /^(exports\.\w+ = )+(void 0|\w+);?$/.test(text) ||
        // a TypeScript enum's body only fills its own object
        /^\(function \((\w+)\) \{\n(\s+\1\[.*\n)*\}\)\(\1 \|\| \(exports\.\1 = \1 = \{\}\)\);?$/.test(text)
      );
    default:
      return false;
  }
}

describe("which modules are deferred", () => {
  it("takes tsc's declaration-only output, with its export names", () => {
    const source = [
      '"use strict";',
      'Object.defineProperty(exports, "__esModule", { value: true });',
      "exports.Driver = exports.helper = exports.Mode = void 0;",
      'const tslib_1 = require("tslib");',
      'const Base_1 = require("./Base");',
      'const debug_1 = tslib_1.__importDefault(require("debug"));',
      "class Driver extends Base_1.Base {",
      "    connect() { return debug_1.default('x'); }",
      "}",
      "exports.Driver = Driver;",
      "function helper(a) {",
      "    return a;",
      "}",
      "exports.helper = helper;",
      "var Mode;",
      "(function (Mode) {",
      '    Mode["on"] = "on";',
      "})(Mode || (exports.Mode = Mode = {}));",
      "//# sourceMappingURL=Driver.js.map",
    ].join("\n");
    expect(lazyExportNames(source)?.sort()).toEqual(["Driver", "Mode", "helper"]);
  });

  it.each([
    ["a call at the top level", "(0, query_builder_1.registerQueryBuilders)();"],
    ["a bare require (run for its effect)", 'require("reflect-metadata");'],
    ["a re-export", 'tslib_1.__exportStar(require("./x"), exports);'],
    ["module.exports", "module.exports = { a: 1 };"],
    ["a static member set after the class", "Driver.instances = new Map();"],
    ["a computed constant", "const LIMIT = compute();"],
    ["an export of a value", "exports.defaults = makeDefaults();"],
  ])("loads as Node does a module with %s", (_what, line) => {
    const source = `"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\nexports.Driver = void 0;\n${line}\nclass Driver {\n}\nexports.Driver = Driver;\n`;
    expect(lazyExportNames(source)).toBeNull();
  });

  it("loads as Node does what tsc did not write (no __esModule mark)", () => {
    expect(lazyExportNames("exports.a = void 0;\nfunction a() {}\nexports.a = a;\n")).toBeNull();
  });
});

describe("the installed TypeORM", () => {
  const files = typeormFiles();
  const deferred = files.map((file) => ({ file, source: readFileSync(file, "utf8") })).flatMap(({ file, source }) => {
    const names = lazyExportNames(source);
    return names === null ? [] : [{ file, source, names }];
  });

  it("has most of its modules deferred and its entry and DataSource loaded as Node does", () => {
    expect(deferred.length).toBeGreaterThan(files.length / 2);
    const kept = new Set(files.filter((file) => !deferred.some((d) => d.file === file)));
    expect(kept.has(join(typeormRoot, "index.js"))).toBe(true);
    expect(kept.has(join(typeormRoot, "data-source", "DataSource.js"))).toBe(true);
  });

  it("every deferred module only declares at its top level (swc's parse of it)", () => {
    const offenders: string[] = [];
    for (const { file, source } of deferred) {
      const program = parseSync(source, { syntax: "ecmascript", target: "es2022" });
      const bytes = Buffer.from(source, "utf8");
      // swc's offsets run on across parses: the program's own start is this file's 0
      const base = program.span.start;
      for (const item of program.body) {
        if (!declaresOnly(item, bytes, base)) offenders.push(`${file.slice(typeormRoot.length + 1)}: ${bytes.subarray(item.span.start - base, item.span.start - base + 60).toString("utf8")}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it("every deferred module's names are exactly its exports", () => {
    const wrong: string[] = [];
    for (const { file, names } of deferred) {
      const exported = Object.keys(projectRequire(file) as object).sort();
      if (JSON.stringify(exported) !== JSON.stringify([...names].sort())) wrong.push(`${file}: read ${names.join(",")}, exports ${exported.join(",")}`);
    }
    expect(wrong).toEqual([]);
  });
});

interface ChildReport {
  readonly built: unknown;
  readonly sameClass: boolean;
  readonly assigned: boolean;
  readonly compiledBefore: readonly string[];
  readonly compiledAfter: readonly string[];
  readonly sqlServerIsClass: boolean;
}

function child(lazy: boolean): ChildReport {
  const result = spawnSync(process.execPath, [join(__dirname, "..", "..", "helpers", "lazy-typeorm-child.js")], {
    env: { ...process.env, LAZY: lazy ? "1" : "0", MIGRATOR_SPEEDUPS: "" },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`child exited ${result.status}: ${result.stderr}`);
  return JSON.parse(result.stdout) as ChildReport;
}

describe("in a process that defers", () => {
  it("TypeORM builds the same metadata, with one class per export and a fraction of its files compiled", () => {
    const plain = child(false);
    const lazy = child(true);
    expect(lazy.built).toEqual(plain.built);
    expect(lazy.sameClass).toBe(true);
    expect(lazy.assigned).toBe(true);
    expect(plain.assigned).toBe(true);
    expect(plain.sameClass).toBe(true);
    expect(lazy.compiledBefore.length).toBeLessThan(plain.compiledBefore.length / 3);
    // a driver nobody used is compiled only when its module is first read
    expect(plain.compiledBefore).toContain("driver/sqlserver/SqlServerDriver.js");
    expect(lazy.compiledBefore).not.toContain("driver/sqlserver/SqlServerDriver.js");
    expect(lazy.compiledAfter).toContain("driver/sqlserver/SqlServerDriver.js");
    expect(lazy.sqlServerIsClass).toBe(true);
  });
});
