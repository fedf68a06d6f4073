/**
 * Render ops into a whole revision file (packaged template), compile its
 * TypeScript with swc and run upgrade()/downgrade() against a recording `op`:
 * what the file really does, not what the renderer meant.
 */
import { transformSync } from "@swc/core";
import * as vm from "node:vm";
import { Operations } from "../../../src/ops/operations";
import { RecordingSink } from "../../../src/ops/sink";
import type { Operation } from "../../../src/ops/types";
import { renderRevisionBodies, type RevisionBodies } from "../../../src/render";
import { PACKAGED_TEMPLATE, renderRevision } from "../../../src/revisions/write";
import { postgres } from "../../../src/dialect";

export const FIXED_DATE = new Date("2026-01-02T03:04:05Z");

export function revisionSource(bodies: Pick<RevisionBodies, "upgrades" | "downgrades" | "imports">, message = "render test"): string {
  return renderRevision(PACKAGED_TEMPLATE, {
    message,
    revision: "0123456789ab",
    downRevision: null,
    branchLabels: [],
    dependsOn: [],
    createDate: FIXED_DATE,
    imports: bodies.imports,
    upgrades: bodies.upgrades,
    downgrades: bodies.downgrades,
  });
}

type Step = (op: Operations) => Promise<void>;

function isStep(value: unknown): value is Step {
  return typeof value === "function";
}

/** The module's exports, from TypeScript source (type-only imports vanish in the transform). */
export function loadRevision(source: string): { upgrade: Step; downgrade: Step } {
  const { code } = transformSync(source, {
    filename: "revision.ts",
    module: { type: "commonjs" },
    jsc: { parser: { syntax: "typescript" }, target: "es2022" },
  });
  const module = { exports: {} as Record<string, unknown> };
  const require = (name: string): never => {
    throw new Error(`a rendered revision should import nothing at run time, it asked for ${name}`);
  };
  vm.runInThisContext(`(function (exports, module, require) {\n${code}\n})`)(module.exports, module, require);
  const { upgrade, downgrade } = module.exports;
  if (!isStep(upgrade) || !isStep(downgrade)) throw new Error("the rendered revision lacks upgrade/downgrade");
  return { upgrade, downgrade };
}

export async function record(step: Step): Promise<Operation[]> {
  const sink = new RecordingSink();
  await step(new Operations(sink, postgres.types));
  return sink.ops;
}

/** Render `ops`, run the file's upgrade and downgrade, and return what each recorded. */
export async function roundTrip(ops: readonly Operation[]): Promise<{ bodies: RevisionBodies; upgrade: Operation[]; downgrade: Operation[] }> {
  const bodies = renderRevisionBodies(ops, postgres);
  const revision = loadRevision(revisionSource(bodies));
  return { bodies, upgrade: await record(revision.upgrade), downgrade: await record(revision.downgrade) };
}
