/**
 * What `npm pack` makes installs and runs in another project. The repository
 * is copied as a fresh clone would have it (no dist/, plus a stale dist file
 * and a cache to prove they stay out), packed there (its `prepare` builds),
 * and the tarball unpacked into a new project's node_modules/typeorm-migrator.
 * The project's other dependencies are symlinks to this repository's
 * node_modules: no network. Then the installed bin runs autogenerate,
 * upgrade and check on the embedded database, plain Node requires the
 * package, and tsc type-checks the project (the revision file included)
 * against the package's .d.ts files.
 */
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const REPO = join(__dirname, "..", "..", "..");
const DEPENDENCIES = realpathSync(join(REPO, "node_modules"));
/** Not part of a fresh clone (.gitignore's folders; bench/work holds generated benchmark projects). */
const NOT_CLONED = new Set(["node_modules", "dist", ".git", ".migrator", "coverage", join("bench", "work")]);

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function run(command: string, args: readonly string[], cwd: string, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === "number" ? error.code : 1;
      resolve({ code, stdout, stderr });
    });
  });
}

function expectSuccess(result: Run, what: string): void {
  expect(result.code, `${what}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`).toBe(0);
}

let root: string;
let project: string;
let packed: string[];
const cli = (...args: string[]): Promise<Run> =>
  run(process.execPath, [join("node_modules", "typeorm-migrator", "bin", "migrator.js"), ...args], project, {
    MIGRATOR_CODE_CACHE: join(root, "code-cache"),
  });

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "migrator-pack-"));
  const source = join(root, "source");
  cpSync(REPO, source, { recursive: true, filter: (path) => !NOT_CLONED.has(relative(REPO, path)) });
  symlinkSync(DEPENDENCIES, join(source, "node_modules"));
  // what a working checkout also holds and a package must not: output of a deleted module, a cache
  mkdirSync(join(source, "dist"));
  writeFileSync(join(source, "dist", "deleted-module.js"), "exports.stale = true;\n");
  mkdirSync(join(source, ".migrator", "cache"), { recursive: true });
  writeFileSync(join(source, ".migrator", "cache", "entry.json"), "{}\n");

  const pack = await run("npm", ["pack", "--json", "--pack-destination", root], source, { npm_config_update_notifier: "false" });
  expectSuccess(pack, "npm pack");
  const [report] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf("["))) as [{ filename: string; files: { path: string }[] }];
  packed = report.files.map((file) => file.path).sort();

  project = join(root, "project");
  const installed = join(project, "node_modules", "typeorm-migrator");
  mkdirSync(installed, { recursive: true });
  expectSuccess(await run("tar", ["-xzf", join(root, report.filename), "-C", installed, "--strip-components=1"], root), "tar");
  for (const name of readdirSync(DEPENDENCIES)) {
    if (!name.startsWith(".")) symlinkSync(join(DEPENDENCIES, name), join(project, "node_modules", name));
  }
  writeFileSync(join(project, "package.json"), `${JSON.stringify({ name: "app", private: true, devDependencies: { "typeorm-migrator": "*" } }, null, 2)}\n`);
  writeFileSync(
    join(project, "tsconfig.json"),
    `${JSON.stringify({ compilerOptions: { target: "ES2022", module: "commonjs", strict: true, experimentalDecorators: true, emitDecoratorMetadata: true, skipLibCheck: true, noEmit: true } }, null, 2)}\n`,
  );
  writeFileSync(
    join(project, "migrator.config.ts"),
    `import { defineConfig } from "typeorm-migrator";\n\nexport default defineConfig({\n  entities: ["entities/**/*.ts"],\n  migrations: "migrations",\n  database: { embedded: ".migrator/db" },\n});\n`,
  );
  mkdirSync(join(project, "entities"));
  writeFileSync(
    join(project, "entities", "note.ts"),
    `import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import type { ColumnSpec } from "typeorm-migrator";

/** The longest title, as a column spec would state it. */
export const TITLE: Pick<ColumnSpec, "type"> = { type: "varchar(120)" };

@Entity()
export class Note {
  @PrimaryGeneratedColumn("identity")
  id!: number;

  @Column({ length: 120 })
  title!: string;
}
`,
  );
  // a consumer of the library: type-checked against the package's .d.ts files below
  writeFileSync(
    join(project, "consumer.ts"),
    `import { createMigrator, MigratorError, type MigrateResult } from "typeorm-migrator";

export async function migrate(): Promise<readonly string[]> {
  try {
    const result: MigrateResult = await createMigrator({ cwd: __dirname }).upgrade("head");
    return result.to;
  } catch (error) {
    if (error instanceof MigratorError) return [error.message];
    throw error;
  }
}
`,
  );
}, 300_000);

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe("the npm package", () => {
  it("holds the bin, the build, the template and package data only, built afresh", () => {
    expect(packed).toEqual(expect.arrayContaining(["bin/migrator.js", "dist/index.js", "dist/index.d.ts", "templates/revision.ts.hbs", "package.json", "README.md"]));
    const outside = packed.filter((path) => !/^(bin|dist|templates)\//.test(path) && !["package.json", "README.md", "LICENSE"].includes(path));
    expect(outside).toEqual([]);
    expect(packed.filter((path) => /(^|\/)(test|\.migrator|cache|node_modules)\//.test(path) || /\.test\.|\.tsbuildinfo$/.test(path))).toEqual([]);
    expect(packed).not.toContain("dist/deleted-module.js");
    const manifest = JSON.parse(readFileSync(join(project, "node_modules", "typeorm-migrator", "package.json"), "utf8")) as { name: string; bin: Record<string, string> };
    // "migrator" on npm is someone else's: the package is typeorm-migrator, its command migrator
    expect({ name: manifest.name, bin: manifest.bin }).toEqual({ name: "typeorm-migrator", bin: { migrator: "bin/migrator.js" } });
    expect(readFileSync(join(project, "node_modules", "typeorm-migrator", "bin", "migrator.js"), "utf8")).toMatch(/^#!\/usr\/bin\/env node\n/);
  });

  it("runs from another project's node_modules: autogenerate, upgrade head, check on the embedded database", async () => {
    const revision = await cli("revision", "--autogenerate", "-m", "initial");
    expectSuccess(revision, "revision --autogenerate");
    const [file] = readdirSync(join(project, "migrations"));
    expect(file).toMatch(/^[0-9a-f]{12}_initial\.ts$/);
    const body = readFileSync(join(project, "migrations", file), "utf8");
    expect(body).toContain('import type { Operations } from "typeorm-migrator";');
    expect(body).toContain('"note"');

    expectSuccess(await cli("upgrade", "head"), "upgrade head");
    const check = await cli("check");
    expectSuccess(check, "check");
    expect(check.stdout).toBe("up to date: the database matches the entities\n");
    expect(existsSync(join(project, ".migrator", "db"))).toBe(true);

    // the library, through plain Node resolution (no require hook): at the revision the CLI applied
    const library = await run(
      process.execPath,
      ["-e", `const m = require("typeorm-migrator"); m.createMigrator({ cwd: process.cwd() }).current().then((r) => console.log(typeof m.defineConfig, JSON.stringify(r.revisions)));`],
      project,
    );
    expectSuccess(library, "require(\"typeorm-migrator\")");
    expect(library.stdout).toBe(`function ${JSON.stringify([file.slice(0, 12)])}\n`);

    // the package's types: the config, the entity, the generated revision and a library consumer all type-check
    const tsc = await run(process.execPath, [join(DEPENDENCIES, "typescript", "bin", "tsc"), "-p", "."], project);
    expectSuccess(tsc, "tsc");
  }, 300_000);
});
