/**
 * Real project shapes (test/fixtures/projects), each run the way a user runs
 * migrator on their own project: the folder copied alone into a fresh temp
 * folder (with node_modules holding typeorm, as an installed project has it),
 * `revision --autogenerate` + `upgrade head`, `check` finds nothing, the
 * catalog equals TypeORM's own `synchronize` of the same project built with
 * tsc, and `downgrade base` empties it again. A second test compares the
 * operations migrator plans from the `.ts` files with those it plans from
 * tsc's output of the same files.
 *
 * The tsc build and the synchronize reference are made once per shape and
 * shared by every test of the shape.
 */
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { promisify } from "node:util";
import { globSync } from "tinyglobby";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { closeKeptEmbedded } from "../../../src/dialect/postgres/connection/embedded";
import { runCli, withoutDatabaseLine } from "../../helpers/cli";
import { backendsUnderTest, serverUrl, withDatabase, type Backend } from "../../helpers/databases";
import { REPO } from "../../helpers/project";
import { acrossMajors, catalogLines, dumpSchema } from "../guarantees/catalog";
import { cli, expectFixpoint, lines, snapshot, withProject, type ProjectDatabase } from "../guarantees/support";

export const FIXTURES = join(REPO, "test", "fixtures", "projects");

/** A step a user runs before migrator sees the project. */
export type BuildStep =
  /** `tsc -p <tsconfig>` with the project's own settings (its outDir). */
  | { readonly tsc: string }
  /** A symlink, as npm workspaces make one: `link` points at `target` (both project-relative). */
  | { readonly link: string; readonly target: string };

export interface Shape {
  /** Folder under test/fixtures/projects. */
  readonly name: string;
  /**
   * Warnings `check` must give on every run (a table two declarations
   * disagree on: issue 18 asks for one, naming both); any other stderr fails.
   */
  readonly warnings?: readonly RegExp[];
  readonly build?: readonly BuildStep[];
  readonly reference: {
    /**
     * The tsconfig (project-relative) compiled into `ref/` for the reference;
     * null when the build output already is what tsc makes (compiled shapes).
     */
    readonly tsconfig: string | null;
    /** Keep the tsconfig's own module kind (ESM projects); otherwise CommonJS, as most projects build. */
    readonly ownModule?: boolean;
    /** Compiled entity files TypeORM is given, globs relative to the shape's work folder (`ref/...` or `project/...`). */
    readonly entities?: readonly string[];
    /** The compiled DataSource module (work-folder relative), whose options synchronize uses as they are. */
    readonly dataSource?: string;
    /** Bare specifiers the compiled code imports through tsconfig `paths`/`baseUrl`: name -> work-folder-relative folder. */
    readonly aliases?: Readonly<Record<string, string>>;
    /**
     * What the shape is about, as catalog lines of the reference (patterns):
     * the reference itself is checked, so a fixture that stops declaring it
     * cannot pass unnoticed. A pattern starting with "!" must match no line.
     */
    readonly shows?: readonly string[];
  };
  /** The `.ts` entity globs for the model comparison, when the project's own config reads build output. */
  readonly sourceEntities?: readonly string[];
  /** For cycles: file renames (project-relative) that make another file of the cycle load first. */
  readonly reorder?: Readonly<Record<string, string>>;
}

/** What a shape's tests share: a work folder with `project/` (built) and `ref/` (tsc output). */
export interface Prepared {
  readonly work: string;
  readonly project: string;
}

export interface Reference {
  readonly dump: string;
  readonly lines: string[];
}

/** The packages an installed TypeORM project has; linked, so typeorm is the one migrator's tests use. */
const DEPENDENCIES = ["typeorm", "reflect-metadata", "@types/node"] as const;

function linkDependencies(dir: string, extra: Readonly<Record<string, string>> = {}): void {
  const modules = join(dir, "node_modules");
  mkdirSync(modules, { recursive: true });
  for (const name of DEPENDENCIES) {
    mkdirSync(dirname(join(modules, name)), { recursive: true });
    symlinkSync(join(REPO, "node_modules", name), join(modules, name));
  }
  for (const [name, target] of Object.entries(extra)) {
    mkdirSync(dirname(join(modules, name)), { recursive: true });
    symlinkSync(target, join(modules, name));
  }
}

/**
 * tsc with the project's tsconfig (`extends` included). `outDir`/`rootDir`
 * override it for the reference build; CommonJS unless the shape keeps its own
 * module kind. Any diagnostic is a broken fixture.
 */
export function compile(tsconfig: string, overrides: { outDir?: string; rootDir?: string; commonjs?: boolean } = {}): void {
  const read = ts.readConfigFile(tsconfig, ts.sys.readFile);
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, "\n"));
  const options: ts.CompilerOptions = {};
  if (overrides.outDir) options.outDir = overrides.outDir;
  if (overrides.rootDir) options.rootDir = overrides.rootDir;
  if (overrides.commonjs) {
    options.module = ts.ModuleKind.CommonJS;
    options.moduleResolution = ts.ModuleResolutionKind.Node10;
  }
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, dirname(tsconfig), options, tsconfig);
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, host: cachingHost(parsed.options) });
  const emitted = program.emit();
  const diagnostics = [...parsed.errors, ...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics];
  if (diagnostics.length > 0) {
    const host = { getCanonicalFileName: (f: string) => f, getCurrentDirectory: () => dirname(tsconfig), getNewLine: () => "\n" };
    throw new Error(`tsc -p ${tsconfig}:\n${ts.formatDiagnostics(diagnostics, host)}`);
  }
}

/** typeorm's and node's declaration files are parsed once per test file, not once per shape. */
const declarations = new Map<string, ts.SourceFile>();
/** tsc sees the linked packages by their real path (node_modules itself may be a link). */
const SHARED_MODULES = realpathSync(join(REPO, "node_modules"));
function cachingHost(options: ts.CompilerOptions): ts.CompilerHost {
  const host = ts.createCompilerHost(options);
  const parse = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, version, onError, create) => {
    if (!fileName.startsWith(SHARED_MODULES)) return parse(fileName, version, onError, create);
    const key = `${fileName}\0${JSON.stringify(version)}`;
    let file = declarations.get(key);
    if (!file) {
      file = parse(fileName, version, onError, create);
      if (file) declarations.set(key, file);
    }
    return file;
  };
  return host;
}

export function prepare(shape: Shape): Prepared {
  const work = mkdtempSync(join(tmpdir(), `migrator-shape-${shape.name}-`));
  try {
    return build(shape, work);
  } catch (error) {
    rmSync(work, { recursive: true, force: true }); // a broken fixture leaves nothing behind
    throw error;
  }
}

function build(shape: Shape, work: string): Prepared {
  const project = join(work, "project");
  cpSync(join(FIXTURES, shape.name), project, { recursive: true });
  linkDependencies(project);
  for (const step of shape.build ?? []) {
    if ("tsc" in step) compile(join(project, step.tsc));
    else {
      mkdirSync(dirname(join(project, step.link)), { recursive: true });
      symlinkSync(relative(dirname(join(project, step.link)), join(project, step.target)), join(project, step.link));
    }
  }
  const reference = shape.reference;
  if (reference.tsconfig !== null) {
    const ref = join(work, "ref");
    compile(join(project, reference.tsconfig), { outDir: ref, rootDir: project, commonjs: !reference.ownModule });
    // an ESM project's output is ESM: Node needs its package.json beside it
    if (existsSync(join(project, "package.json"))) cpSync(join(project, "package.json"), join(ref, "package.json"));
    const aliases = Object.fromEntries(Object.entries(reference.aliases ?? {}).map(([name, target]) => [name, join(work, target)]));
    linkDependencies(ref, aliases);
  }
  return { work, project };
}

const SYNCHRONIZE_CHILD = join(__dirname, "synchronize-child.js");

/** TypeORM's own synchronize of the compiled project on a fresh server database: the catalog migrator must equal. */
export async function synchronizeReference(prepared: Prepared, shape: Shape): Promise<Reference> {
  const admin = serverUrl();
  if (!admin) throw new Error("synchronize needs a server");
  return withDatabase({ name: "server", adminUrl: admin }, async (db) => {
    const request = { url: db.url, work: prepared.work, entities: shape.reference.entities, dataSource: shape.reference.dataSource };
    try {
      await promisify(execFile)(process.execPath, [SYNCHRONIZE_CHILD, JSON.stringify(request)], { cwd: prepared.work });
    } catch (error) {
      throw new Error(`TypeORM's synchronize of ${shape.name} failed: ${(error as { stderr?: string }).stderr ?? String(error)}`);
    }
    const reference = { dump: await dumpSchema(db.url ?? ""), lines: await catalogLines(db.executor) };
    for (const pattern of shape.reference.shows ?? []) {
      const absent = pattern.startsWith("!");
      const matches = reference.lines.some((line) => new RegExp(absent ? pattern.slice(1) : pattern).test(line));
      if (matches === absent) throw new Error(`TypeORM's synchronize of ${shape.name} ${absent ? "has" : "lacks"} ${pattern.replace(/^!/, "")}`);
    }
    return reference;
  });
}

/** The project alone in `dir` (its build output and node_modules included, the reference build not), in the given file order. */
function copyProject(prepared: Prepared, dir: string, reorder?: Readonly<Record<string, string>>): void {
  cpSync(prepared.project, dir, { recursive: true, verbatimSymlinks: true });
  if (reorder) renameModules(dir, reorder);
}

/** Rename files and rewrite the relative imports that name them, so the cycle loads in another order. */
function renameModules(dir: string, renames: Readonly<Record<string, string>>): void {
  const stem = (file: string): string => file.replace(/^.*\//, "").replace(/\.[cm]?ts$/, "");
  for (const [from, to] of Object.entries(renames)) renameSync(join(dir, from), join(dir, to));
  for (const file of globSync(["src/**/*.{ts,mts,cts}"], { cwd: dir, absolute: true })) {
    let text = readFileSync(file, "utf8");
    for (const [from, to] of Object.entries(renames)) {
      text = text.replace(new RegExp(`(["'])\\./${stem(from)}(\\.[cm]?js)?\\1`, "g"), (_m, quote: string, ext: string | undefined) => `${quote}./${stem(to)}${ext ?? ""}${quote}`);
    }
    writeFileSync(file, text);
  }
}

function databaseSource(db: ProjectDatabase): string {
  return db.url ? `{ url: ${JSON.stringify(db.url)} }` : `{ embedded: ${JSON.stringify(db.dataDir)} }`;
}

/** The fixture's config keeps its own keys; the test adds the database. */
function addDatabase(dir: string, db: ProjectDatabase, file = "migrator.config.ts"): void {
  const path = join(dir, file);
  const text = readFileSync(path, "utf8");
  if (!text.includes("export default {")) throw new Error(`${file} of the fixture must start its object with "export default {"`);
  writeFileSync(path, text.replace("export default {", `export default {\n  database: ${databaseSource(db)},`));
}

/** A config beside the project's own, reading what tsc made of the same files (or the `.ts` sources of a compiled shape). */
function writeConfig(dir: string, file: string, db: ProjectDatabase, source: { entities: readonly string[] } | { dataSource: string }): void {
  const key = "entities" in source ? `entities: ${JSON.stringify(source.entities)}` : `dataSource: ${JSON.stringify(source.dataSource)}`;
  writeFileSync(join(dir, file), `export default {\n  database: ${databaseSource(db)},\n  ${key},\n  migrations: "migrations",\n};\n`);
}

interface Order {
  readonly label: string;
  readonly reorder?: Readonly<Record<string, string>>;
}

function ordersOf(shape: Shape): Order[] {
  return shape.reorder ? [{ label: "file order as named" }, { label: "file order reversed", reorder: shape.reorder }] : [{ label: "as written" }];
}

/**
 * Registers the tests of `shapes`: per backend and file order, the three
 * guarantees; per file order, the model read from `.ts` against tsc's output.
 */
export function describeShapes(title: string, shapes: readonly Shape[]): void {
  const prepared = new Map<string, Prepared>();
  const references = new Map<string, Promise<Reference>>();
  const prepareOnce = (shape: Shape): Prepared => {
    let found = prepared.get(shape.name);
    if (!found) {
      found = prepare(shape);
      prepared.set(shape.name, found);
    }
    return found;
  };
  const referenceOnce = (shape: Shape): Promise<Reference> => {
    let found = references.get(shape.name);
    if (!found) {
      found = synchronizeReference(prepareOnce(shape), shape);
      references.set(shape.name, found);
    }
    return found;
  };
  afterAll(() => {
    for (const { work } of prepared.values()) rmSync(work, { recursive: true, force: true });
  });

  describe.each(backendsUnderTest())(`${title} on $name`, (backend) => {
    for (const shape of shapes) {
      for (const order of ordersOf(shape)) {
        it(`${shape.name} (${order.label}): autogenerate + upgrade reach a fixpoint equal to synchronize; downgrade base empties it`, async () => {
          const work = prepareOnce(shape);
          // TypeORM's synchronize runs in its own process meanwhile (once per shape)
          const reference = serverUrl() ? referenceOnce(shape) : null;
          reference?.catch(() => undefined); // awaited below; a test that fails before must not leave it unhandled
          await withProject(backend, async (dir, db) => {
            copyProject(work, dir, order.reorder);
            addDatabase(dir, db);
            const empty = await snapshot(db);
            await cli(dir, ["revision", "--autogenerate", "-m", "initial"]);
            await cli(dir, ["upgrade", "head"]);
            await expectShapeFixpoint(dir, shape);
            if (reference) await expectSameAsReference(db, await reference);
            await cli(dir, ["downgrade", "base"]);
            expect(await snapshot(db), "downgrade base leaves the database as empty as it was").toBe(empty);
          }).finally(closeEmbedded);
        });
      }
    }
  });

  describe(`${title}: the model read from .ts equals the one read from tsc's output`, () => {
    for (const shape of shapes) {
      for (const order of ordersOf(shape)) {
        it(`${shape.name} (${order.label})`, async () => {
          const work = prepareOnce(shape);
          await withProject(modelBackend(), async (dir, db) => {
            copyProject(work, dir, order.reorder);
            const fromSources = shape.sourceEntities ? "migrator.sources.config.ts" : "migrator.config.ts";
            if (shape.sourceEntities) writeConfig(dir, fromSources, db, { entities: shape.sourceEntities });
            else addDatabase(dir, db);
            writeConfig(dir, "migrator.compiled.config.ts", db, compiledSource(work, shape));
            const sources = await plannedOperations(dir, fromSources);
            const compiled = await plannedOperations(dir, "migrator.compiled.config.ts");
            expect(sources.length, "an empty database needs operations").toBeGreaterThan(0);
            expect(sources).toEqual(compiled);
          }).finally(closeEmbedded);
        });
      }
    }
  });
}

/** The in-process CLI keeps each PGlite open between commands; a finished test's goes (its folder is gone). */
function closeEmbedded(): Promise<void> {
  return closeKeptEmbedded();
}

/** Where the model comparison runs: any database works (it is empty); the server is the faster one. */
function modelBackend(): Backend {
  const admin = serverUrl();
  return admin ? { name: "server", adminUrl: admin } : { name: "pglite" };
}

function compiledSource(work: Prepared, shape: Shape): { entities: readonly string[] } | { dataSource: string } {
  if (shape.reference.dataSource) return { dataSource: join(work.work, shape.reference.dataSource) };
  // an exclusion keeps its "!" in front of the absolute pattern
  return { entities: (shape.reference.entities ?? []).map((glob) => (glob.startsWith("!") ? `!${join(work.work, glob.slice(1))}` : join(work.work, glob))) };
}

/** `check --json` on the empty database: the operations migrator plans, from the given config. */
async function plannedOperations(dir: string, config: string): Promise<unknown[]> {
  const result = await runCli(["check", "--json", "--config", config], dir);
  const parsed = result.stdout.trim() ? (JSON.parse(result.stdout) as { operations?: unknown[] }) : {};
  if (result.code !== 1 || !parsed.operations) {
    throw new Error(`check --json --config ${config} exited ${result.code}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
  }
  return parsed.operations;
}

async function expectSameAsReference(db: ProjectDatabase, reference: Reference): Promise<void> {
  if (db.url) {
    expect(await dumpSchema(db.url)).toBe(reference.dump);
    expect(await lines(db)).toEqual(reference.lines);
  } else {
    expect(acrossMajors(await lines(db))).toEqual(acrossMajors(reference.lines));
  }
}

/** `check` finds nothing; stderr holds exactly the warnings the shape expects. */
async function expectShapeFixpoint(dir: string, shape: Shape): Promise<void> {
  if (!shape.warnings) return expectFixpoint(dir);
  const result = await runCli(["check"], dir);
  expect({ code: result.code, stdout: result.stdout }).toEqual({ code: 0, stdout: "up to date: the database matches the entities\n" });
  const lines = withoutDatabaseLine(result.stderr).trimEnd().split("\n");
  expect(lines, result.stderr).toHaveLength(shape.warnings.length);
  shape.warnings.forEach((warning, i) => expect(lines[i]).toMatch(warning));
}
