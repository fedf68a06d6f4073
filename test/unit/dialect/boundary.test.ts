/**
 * The PostgreSQL boundary (issue 14): the folders that run revisions, open
 * connections and drive commands reach PostgreSQL only through the Dialect
 * object, never by importing src/dialect/postgres, and hold no SQL of their
 * own. The folders of the model half (ops, diff, render, entities) join the
 * list once their SQL has moved too.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = resolve(__dirname, "../../../src");
const POSTGRES = join(SRC, "dialect", "postgres");
const FOLDERS = ["runtime", "db", "compare", "commands", "api", "cli", "config", "data-source", "revisions", "typeorm-metadata"];

function filesOf(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return filesOf(path);
    return name.endsWith(".ts") ? [path] : [];
  });
}

const files = FOLDERS.flatMap((folder) => filesOf(join(SRC, folder)));

/** Comments left out: they may name what the dialect does. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
}

describe("the PostgreSQL boundary", () => {
  it("finds the files it checks", () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it("leaves src/dialect/postgres to the Dialect object", () => {
    const offenders: string[] = [];
    for (const file of files) {
      for (const match of readFileSync(file, "utf8").matchAll(/(?:from|import|require)\s*\(?\s*["'](\.[^"']+)["']/g)) {
        const target = resolve(dirname(file), match[1]!);
        if (target === POSTGRES || target.startsWith(POSTGRES + "/")) offenders.push(`${relative(SRC, file)} imports ${match[1]}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it("holds no catalog names and no SQL statements", () => {
    const sql = /["'`]\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|ALTER|DROP|BEGIN|COMMIT|ROLLBACK|SET|RESET|SAVEPOINT|WITH|DO)\b|\bpg_[a-z_]+|information_schema/;
    const offenders = files.filter((file) => sql.test(code(readFileSync(file, "utf8")))).map((file) => relative(SRC, file));
    expect(offenders).toEqual([]);
  });
});
