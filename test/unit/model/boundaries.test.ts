/**
 * The neutral folders name no database: model, ops, diff, render and entities
 * take the Dialect (or its parts) from their callers. ops and diff, which a
 * dialect imports, may not import src/dialect at all (a folder cycle), model
 * imports nothing outside itself.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = resolve(__dirname, "../../../src");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith(".ts") ? [path] : [];
  });
}

/** Each relative import of the folder's files, as the src-relative path it points at. */
function importsOf(folder: string): { file: string; target: string }[] {
  return files(join(SRC, folder)).flatMap((file) =>
    [...readFileSync(file, "utf8").matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+)"/g)].map((m) => ({
      file: relative(SRC, file),
      target: relative(SRC, resolve(file, "..", m[1]!)),
    })),
  );
}

describe("the PostgreSQL boundary", () => {
  it.each(["model", "ops", "diff", "render", "entities"])("src/%s imports nothing from dialect/postgres", (folder) => {
    expect(importsOf(folder).filter((i) => i.target.startsWith("dialect/postgres"))).toEqual([]);
  });

  it.each(["model", "ops", "diff"])("src/%s imports nothing from src/dialect (which imports it)", (folder) => {
    expect(importsOf(folder).filter((i) => i.target.startsWith("dialect"))).toEqual([]);
  });

  it("src/model imports only itself", () => {
    expect(importsOf("model").filter((i) => !i.target.startsWith("model/"))).toEqual([]);
  });
});
