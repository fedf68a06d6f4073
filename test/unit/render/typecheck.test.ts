/**
 * A generated revision compiles under strict TypeScript against the package's
 * own types (`typeorm-migrator` mapped to src/index.ts), for every op kind.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createRequire } from "node:module";
import { afterAll, describe, expect, it } from "vitest";
import { collectOperations } from "../../../src/ops/operations";
import { renderRevisionBodies } from "../../../src/render";
import { ALL_KINDS, allKindsOps } from "./all-kinds";
import { revisionSource } from "./run-rendered";
import { postgres } from "../../../src/dialect";

type TypeScript = typeof import("typescript");
const ts = createRequire(__filename)("typescript") as TypeScript;
const ROOT = path.resolve(__dirname, "../../..");
const folder = fs.mkdtempSync(path.join(os.tmpdir(), "migrator-render-"));

afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

/** Diagnostics of `file` only: other files of the program are checked by their owners. */
function diagnostics(file: string): string[] {
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    lib: ["lib.es2023.d.ts"],
    types: ["node"],
    typeRoots: [path.join(ROOT, "node_modules/@types")],
    esModuleInterop: true,
    skipLibCheck: true,
    experimentalDecorators: true,
    noUnusedLocals: true,
    noUnusedParameters: true,
    baseUrl: ROOT,
    paths: { "typeorm-migrator": ["src/index.ts"] },
  });
  const source = program.getSourceFile(file);
  if (source === undefined) throw new Error(`${file} is not in the program`);
  return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map((d) => {
    const where = d.start === undefined ? "" : `${source.getLineAndCharacterOfPosition(d.start).line + 1}: `;
    return `${where}${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
  });
}

describe("rendered revisions type-check", () => {
  it("covers every op kind, and the file has no diagnostics", async () => {
    const ops = await allKindsOps();
    expect(new Set(ops.map((op) => op.kind))).toEqual(new Set(Object.keys(ALL_KINDS)));
    const file = path.join(folder, "0123456789ab_every_kind.ts");
    fs.writeFileSync(file, revisionSource(renderRevisionBodies(ops, postgres), "every kind"));
    expect(diagnostics(file)).toEqual([]);
  });

  it("an empty revision (revision -m, merge) compiles under noUnusedParameters", () => {
    const file = path.join(folder, "0123456789ab_empty.ts");
    fs.writeFileSync(file, revisionSource({ upgrades: "", downgrades: "", imports: [] }, "empty"));
    expect(diagnostics(file)).toEqual([]);
  });

  it("a placed column (MySQL's AFTER and FIRST, either body) compiles too", async () => {
    const ops = await collectOperations(async (op) => {
      await op.addColumn("t", { name: "b", type: "int" }, { after: "a" });
      await op.dropColumn("t", "c", { existing: { name: "c", type: "int" }, existingPosition: { first: true } });
    }, postgres.types);
    const bodies = renderRevisionBodies(ops, postgres);
    expect(`${bodies.upgrades}${bodies.downgrades}`).toContain("{ first: true }");
    const file = path.join(folder, "0123456789ab_placed.ts");
    fs.writeFileSync(file, revisionSource(bodies, "placed"));
    expect(diagnostics(file)).toEqual([]);
  });

  it("catches a wrong call (the check can fail)", () => {
    const file = path.join(folder, "0123456789ab_broken.ts");
    fs.writeFileSync(file, revisionSource({ upgrades: 'await op.addColumn("t", { name: "c" });\n', downgrades: "", imports: [] }));
    expect(diagnostics(file)).toEqual([expect.stringMatching(/^16: Argument of type .*ColumnSpec[^]*Property .type. is missing/)]);
  });
});
