#!/usr/bin/env node
/**
 * The TypeORM sweep (slow; not part of `npm test`): every PostgreSQL test
 * folder of TypeORM's own suite (test/functional/**, test/github-issues/**)
 * as a project of its own, run through migrator's CLI (dist/, so
 * `npm run build` first) on fresh databases of a PostgreSQL server:
 *
 *   1. `check` loads the entities (exit 0, or 1 with "changes to apply");
 *   2. `revision --autogenerate`, `upgrade head`, then `check` finds nothing;
 *   3. pg_dump --schema-only equals that of TypeORM's own `synchronize` of the
 *      same entities on another fresh database;
 *   4. `downgrade base` leaves what an empty database has, plus migrator's tables.
 *
 * One line per test folder, a summary, and bench/results/typeorm-sweep.json.
 * Sequential on purpose: one folder at a time.
 *
 *   node scripts/typeorm-sweep.js [--only SUBSTRING]... [--limit N] [--keep] [--list] [--shuffle]
 *        [--folders FILE] [--rerun REPORT] [--repo PATH_TO_TYPEORM_GIT] [--url ADMIN_URL] [--out FILE]
 *
 * --folders FILE runs exactly the folders FILE names, one a line, in its order.
 *
 * --rerun REPORT runs again only the folders a previous report has not "ok"
 * (after a fix), keeping that report's results for the others. --shuffle
 * runs the folders in a fixed pseudo-random order (a hash of the name), so a
 * sweep stopped early is a sample of the whole suite, not of its first areas.
 *
 * ADMIN_URL (default $SWEEP_PG_URL or postgres://postgres@127.0.0.1:5432/postgres)
 * must be able to create databases; they are named sweep_<pid>_{m,t,e} and dropped.
 *
 * Internal mode, run in a child process so each folder's classes load in a
 * process of their own: `node scripts/typeorm-sweep.js --synchronize PROJECT URL`.
 */
"use strict";
const { execFileSync, spawnSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const vm = require("node:vm");

const ROOT = path.resolve(__dirname, "..");
const PG_DUMP = ["/usr/lib/postgresql/15/bin/pg_dump", "/usr/bin/pg_dump"].find((p) => fs.existsSync(p)) ?? "pg_dump";
/** What equivalence and the downgrade check leave out (as test/db/guarantees/catalog.ts does). */
const OWN_TABLES = ["migrator_version", "migrator_log", "typeorm_metadata"];
const STEP_TIMEOUT_MS = 180_000;
const TSCONFIG = {
  // TypeORM's own test settings (its tsconfig.json): legacy decorators with metadata, no define semantics
  compilerOptions: {
    target: "es2021",
    module: "commonjs",
    experimentalDecorators: true,
    emitDecoratorMetadata: true,
    useDefineForClassFields: false,
    esModuleInterop: true,
    strict: false,
  },
};

/** One line per folder: a report of hundreds of folders stays readable and its diffs small. */
function reportText(report) {
  const { folders, ...head } = report;
  const top = JSON.stringify(head, null, 1).replace(/\n}$/, "");
  return `${top},\n "folders": [\n${folders.map((f) => `  ${JSON.stringify(f)}`).join(",\n")}\n ]\n}\n`;
}

// ---------------------------------------------------------------------------------------------------------------
// command line and the loop

function parseArgs(argv) {
  const args = { only: [], limit: Infinity, keep: false, repo: "/work/.mirror/typeorm+typeorm/repo", out: path.join(ROOT, "bench/results/typeorm-sweep.json") };
  args.url = process.env.SWEEP_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--only") args.only.push(argv[++i]);
    else if (a === "--folders") args.folders = fs.readFileSync(argv[++i], "utf8").split("\n").filter(Boolean);
    else if (a === "--limit") args.limit = Number(argv[++i]);
    else if (a === "--keep") args.keep = true;
    else if (a === "--list") args.list = true;
    else if (a === "--shuffle") args.shuffle = true;
    else if (a === "--rerun") args.rerun = path.resolve(argv[++i]);
    else if (a === "--repo") args.repo = argv[++i];
    else if (a === "--url") args.url = argv[++i];
    else if (a === "--out") args.out = path.resolve(argv[++i]);
    else throw new Error(`unknown argument ${a}`);
  }
  return args;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(path.join(ROOT, "dist/cli/main.js")) && !fs.existsSync(path.join(ROOT, "dist/index.js"))) {
    throw new Error("dist/ is missing: run `npm run build` first");
  }
  const commit = execFileSync("git", ["-C", args.repo, "rev-parse", "HEAD"], { encoding: "utf8" }).trim();
  const work = path.join(os.tmpdir(), `migrator-typeorm-sweep-${process.pid}`);
  const tests = path.join(work, "typeorm");
  fs.mkdirSync(tests, { recursive: true });
  // node_modules above every project: the entities' "typeorm" is the one migrator loads
  fs.symlinkSync(fs.realpathSync(path.join(ROOT, "node_modules")), path.join(work, "node_modules"), "dir");
  execFileSync("sh", ["-c", `git -C "$0" archive HEAD test | tar -x -C "$1"`, args.repo, tests]);

  const units = findUnits(tests).filter((u) => args.only.length === 0 || args.only.some((s) => u.name.includes(s)));
  if (args.folders) {
    // exactly these, in the file's order
    const order = new Map(args.folders.map((name, i) => [name, i]));
    units.splice(0, units.length, ...units.filter((u) => order.has(u.name)).sort((a, b) => order.get(a.name) - order.get(b.name)));
  }
  if (args.shuffle) {
    const key = (u) => require("node:crypto").createHash("sha1").update(u.name).digest("hex");
    units.sort((a, b) => (key(a) < key(b) ? -1 : 1));
  }
  if (args.list) {
    for (const u of units) process.stdout.write(`${u.skip ? `skip (${u.skip})` : "run"}\t${u.name}\n`);
    fs.rmSync(work, { recursive: true, force: true });
    return;
  }
  const pg = new Pg(args.url);
  const emptyDump = await pg.withDatabase("e", async (url) => ({ own: await dumpSchema(url), full: await dumpSchema(url, []) }));
  const results = [];
  const started = Date.now();
  const previous = args.rerun ? new Map(JSON.parse(fs.readFileSync(args.rerun, "utf8")).folders.map((r) => [r.folder, r])) : null;
  let tried = 0;
  for (const unit of units) {
    if (unit.skip) {
      results.push({ folder: unit.name, status: "skipped", reason: unit.skip });
      continue;
    }
    const before = previous?.get(unit.name);
    if (before && before.status === "ok") {
      results.push(before);
      continue;
    }
    if (tried >= args.limit) break;
    tried++;
    const result = await runUnit(unit, { tests, work, pg, emptyDump, keep: args.keep });
    results.push(result);
    if (result.status === "skipped") continue;
    process.stdout.write(`${result.status.padEnd(17)} ${unit.name}${result.reason ? `: ${result.reason}` : ""}\n`);
    writeReport(args.out, commit, started, results);
  }
  const summary = writeReport(args.out, commit, started, results);
  process.stdout.write(`\n${formatSummary(summary)}\nreport: ${path.relative(process.cwd(), args.out)}\n`);
  await pg.dropAll();
  if (!args.keep) fs.rmSync(work, { recursive: true, force: true });
}

function summarise(results) {
  const ran = results.filter((r) => r.status !== "skipped");
  const skipped = {};
  for (const r of results.filter((r) => r.status === "skipped")) skipped[r.reason] = (skipped[r.reason] ?? 0) + 1;
  const statuses = {};
  for (const r of ran) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  return {
    tried: ran.length,
    loaded: ran.filter((r) => r.loaded).length,
    fixpoint: ran.filter((r) => r.fixpoint).length,
    equivalent: ran.filter((r) => r.equivalent).length,
    cleanDowngrade: ran.filter((r) => r.cleanDowngrade).length,
    ok: ran.filter((r) => r.status === "ok").length,
    statuses,
    skipped,
  };
}

function formatSummary(s) {
  const skipped = Object.entries(s.skipped).map(([k, v]) => `${v} ${k}`).join(", ");
  const statuses = Object.entries(s.statuses).map(([k, v]) => `${v} ${k}`).join(", ");
  return [
    `tried ${s.tried}: loaded ${s.loaded}, fixpoint ${s.fixpoint}, equivalent ${s.equivalent}, clean downgrade ${s.cleanDowngrade}, all four ${s.ok}`,
    `by first failure: ${statuses || "-"}`,
    `skipped: ${skipped || "-"}`,
  ].join("\n");
}

function writeReport(out, commit, started, results) {
  const summary = summarise(results);
  const migratorCommit = spawnSync("git", ["-C", ROOT, "rev-parse", "--short", "HEAD"], { encoding: "utf8" }).stdout.trim();
  const typeormVersion = JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules/typeorm/package.json"), "utf8")).version;
  const report = {
    measured: new Date(started).toISOString(),
    seconds: Math.round((Date.now() - started) / 1000),
    migratorCommit,
    typeormTestsCommit: commit,
    typeormVersion,
    summary,
    folders: results,
  };
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, reportText(report));
  return summary;
}

// ---------------------------------------------------------------------------------------------------------------
// finding the folders and what each test file asks of createTestingConnections

/** Every createTestingConnections call of every test file; a unit per call (a suffix when a file makes several). */
function findUnits(tests) {
  const ts = require(require.resolve("typescript", { paths: [ROOT] }));
  const units = [];
  for (const area of ["test/functional", "test/github-issues"]) {
    for (const file of walk(path.join(tests, area)).filter((f) => f.endsWith(".ts")).sort()) {
      const text = fs.readFileSync(file, "utf8");
      if (!text.includes("createTestingConnections(")) continue;
      const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
      const calls = [];
      const visit = (node) => {
        if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "createTestingConnections") calls.push(node);
        ts.forEachChild(node, visit);
      };
      visit(source);
      const rel = path.relative(tests, file);
      calls.forEach((call, i) => {
        const folder = path.dirname(rel).replace(/^test\//, "");
        const siblings = fs.readdirSync(path.dirname(file)).filter((f) => f.endsWith(".ts")).length;
        const name = `${folder}${siblings > 1 ? `/${path.basename(file, ".ts").replace(/\.test$/, "")}` : ""}${calls.length > 1 ? `#${i + 1}` : ""}`;
        const unit = { name, testFile: file, ...(insideSkipped(ts, call) ? { skip: "test skipped (describe.skip)" } : readCall(ts, source, call)) };
        // the same folder, file after file: only the first unit of a set of entities is kept
        units.push(unit);
      });
    }
  }
  // one folder holding several test files with the same call: run it once
  const seen = new Set();
  return units.filter((u) => {
    const key = `${path.dirname(u.testFile)} ${JSON.stringify(u.entities ?? u.skip)} ${JSON.stringify(u.options ?? {})}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A call inside `describe.skip(...)` / `it.skip(...)` / `xit(...)`: TypeORM never runs it. */
function insideSkipped(ts, node) {
  for (let n = node.parent; n; n = n.parent) {
    if (!ts.isCallExpression(n)) continue;
    const callee = n.expression;
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === "skip") return true;
    if (ts.isIdentifier(callee) && ["xit", "xdescribe"].includes(callee.text)) return true;
  }
  return false;
}

const DRIVER_ONLY_OPTIONS = new Set(["enabledDrivers", "disabledDrivers", "entities", "schemaCreate", "dropSchema", "logging", "migrations", "subscribers", "cache", "createLogger", "relationLoadStrategy", "isolateWhereStatements", "__dirname"]);

function readCall(ts, source, call) {
  const arg = call.arguments[0];
  if (!arg || !ts.isObjectLiteralExpression(arg)) return { skip: "options not a literal" };
  const props = new Map();
  for (const p of arg.properties) {
    if (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) props.set(p.name.getText(source), p);
    else return { skip: "options not a literal" };
  }
  const strings = (name) => {
    const p = props.get(name);
    if (!p) return undefined;
    if (!ts.isPropertyAssignment(p) || !ts.isArrayLiteralExpression(p.initializer)) return null;
    return p.initializer.elements.map((e) => (ts.isStringLiteralLike(e) ? e.text : null));
  };
  const enabled = strings("enabledDrivers");
  const disabled = strings("disabledDrivers");
  if (enabled === null || (enabled && enabled.includes(null))) return { skip: "drivers not literal" };
  if (enabled && !enabled.includes("postgres")) return { skip: "not for postgres" };
  if (disabled && disabled.includes("postgres")) return { skip: "not for postgres" };

  const imports = importsOf(ts, source);
  // what decides the schema, passed on as written: schema, metadataTableName, namingStrategy, driverSpecific's keys
  const options = [];
  for (const [name, p] of props) {
    if (DRIVER_ONLY_OPTIONS.has(name)) continue;
    const value = ts.isPropertyAssignment(p) ? p.initializer : p.name;
    const expression = readExpression(ts, source, value, imports);
    if (!expression) return { skip: `option ${name}` };
    if (name === "driverSpecific") {
      if (!ts.isObjectLiteralExpression(value)) return { skip: `option ${name}` };
      options.push({ spread: true, ...expression });
    } else options.push({ key: name, ...expression });
  }
  const entitiesProp = props.get("entities");
  if (!entitiesProp) return { skip: "no entities" };
  if (!ts.isPropertyAssignment(entitiesProp) || !ts.isArrayLiteralExpression(entitiesProp.initializer)) return { skip: "entities not a list" };
  const entities = [];
  for (const e of entitiesProp.initializer.elements) {
    const text = e.getText(source);
    if (text.includes("__dirname")) {
      try {
        const glob = vm.runInNewContext(text, { __dirname: "<DIR>", path: require("node:path") });
        if (typeof glob !== "string" || !glob.startsWith("<DIR>")) return { skip: "entity glob outside the folder" };
        entities.push({ glob: glob.slice("<DIR>".length).replace(/^\//, "") });
        continue;
      } catch {
        return { skip: "entities not readable" };
      }
    }
    if (ts.isSpreadElement(e)) return { skip: "entities not readable" };
    // a class, an EntitySchema, `new EntitySchema(X as ...)`, `<any>X`: the expression as written, with the test's imports it uses
    const expression = readExpression(ts, source, e, imports);
    if (!expression) return { skip: "entity defined in the test file" };
    entities.push(expression);
  }
  if (entities.length === 0) return { skip: "no entities" };
  return { entities, options };
}

/**
 * An expression's text and the test file's imports it uses. A constant the
 * test file declares (`const namingStrategy = new X()`) is put in its place;
 * null when the expression needs anything else the test file defines.
 */
function readExpression(ts, source, expression, imports, depth = 0) {
  const uses = [];
  const edits = [];
  let unknown = false;
  const visit = (node) => {
    if (ts.isIdentifier(node)) {
      const parent = node.parent;
      const isName = parent && ((ts.isPropertyAccessExpression(parent) && parent.name === node) || (ts.isPropertyAssignment(parent) && parent.name === node));
      if (!isName) {
        const from = imports.get(node.text);
        const local = from ? null : constantOf(ts, source, node.text);
        if (from) {
          if (!uses.some((u) => u.local === node.text)) uses.push({ local: node.text, ...from });
        } else if (local && depth < 3) {
          const inner = readExpression(ts, source, local, imports, depth + 1);
          if (!inner) unknown = true;
          else {
            edits.push({ start: node.getStart(source), end: node.getEnd(), text: `(${inner.expression})` });
            for (const u of inner.uses) if (!uses.some((v) => v.local === u.local)) uses.push(u);
          }
        } else if (!["undefined", "Object"].includes(node.text) && !ts.isTypeReferenceNode(parent)) unknown = true;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(expression);
  if (unknown) return null;
  let text = source.text.slice(expression.getStart(source), expression.getEnd());
  const base = expression.getStart(source);
  for (const edit of edits.sort((a, b) => b.start - a.start)) text = text.slice(0, edit.start - base) + edit.text + text.slice(edit.end - base);
  return { expression: text, uses };
}

/** The initializer of a `const NAME = ...` anywhere in the test file. */
function constantOf(ts, source, name) {
  let found = null;
  const visit = (node) => {
    if (found) return;
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === name && node.initializer && node.parent.flags & ts.NodeFlags.Const) found = node.initializer;
    else ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function importsOf(ts, source) {
  const names = new Map();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !statement.importClause) continue;
    const module = statement.moduleSpecifier.text;
    const bindings = statement.importClause.namedBindings;
    if (bindings && ts.isNamedImports(bindings)) {
      for (const el of bindings.elements) names.set(el.name.text, { name: (el.propertyName ?? el.name).text, module });
    }
  }
  return names;
}

function walk(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(path.join(dir, d.name)) : [path.join(dir, d.name)]));
}

// ---------------------------------------------------------------------------------------------------------------
// the temporary project: the entities, what they import from TypeORM's test tree, a DataSource module

const IMPORT_RE = /(\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)(["'])([^"']+)\2/g;

/** Copy `files` and every test-tree file they import into `project`, TypeORM's src/ imports pointed at the package. */
function copyClosure(files, tests, project) {
  const queue = [...files];
  const done = new Set();
  while (queue.length > 0) {
    const file = queue.pop();
    if (done.has(file)) continue;
    done.add(file);
    const text = fs.readFileSync(file, "utf8").replace(IMPORT_RE, (all, lead, quote, spec) => {
      if (!spec.startsWith(".")) return all;
      const target = path.resolve(path.dirname(file), spec);
      const src = path.join(tests, "src");
      if (target === src || target.startsWith(`${src}${path.sep}`)) {
        const inner = path.relative(src, target).replace(/\\/g, "/").replace(/\.(ts|js)$/, "");
        return `${lead}${quote}${inner === "" || inner === "index" ? "typeorm" : `typeorm/${inner}`}${quote}`;
      }
      const resolved = resolveTs(target);
      if (resolved) queue.push(resolved);
      return all;
    });
    const out = path.join(project, path.relative(tests, file));
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, text);
  }
}

function resolveTs(target) {
  for (const candidate of [target, `${target}.ts`, `${target}.js`, path.join(target, "index.ts")]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

function globToRegExp(glob) {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === "*" && glob[i + 1] === "*") {
      re += ".*";
      i++;
      if (glob[i + 1] === "/") i++;
    } else if (c === "*") re += "[^/]*";
    else if (c === "{") re += "(";
    else if (c === "}") re += ")";
    else if (c === "," ) re += "|";
    else re += c.replace(/[.+^$()|[\]\\?]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}

function makeProject(unit, tests, work) {
  const project = path.join(work, "projects", unit.name.replace(/[^A-Za-z0-9_.-]+/g, "_"));
  fs.rmSync(project, { recursive: true, force: true });
  const dir = path.dirname(unit.testFile);
  const relDir = path.relative(tests, dir).replace(/\\/g, "/");
  const roots = [];
  const imports = [];
  const entries = [];
  const importUses = (uses) => {
    for (const use of uses) {
      const spec = importTarget(use.module, dir, tests);
      if (spec.root) roots.push(spec.root);
      imports.push(`import { ${use.name === use.local ? use.name : `${use.name} as ${use.local}`} } from ${JSON.stringify(spec.spec)};`);
    }
  };
  unit.entities.forEach((entity) => {
    if (entity.glob) {
      const re = globToRegExp(entity.glob);
      const matched = walk(dir).filter((f) => re.test(path.relative(dir, f).replace(/\\/g, "/")) && /\.ts$/.test(f) && !f.endsWith(".d.ts"));
      roots.push(...matched);
      entries.push(`__dirname + ${JSON.stringify(`/${relDir}/${entity.glob}`)}`);
    } else {
      importUses(entity.uses);
      entries.push(entity.expression);
    }
  });
  if (roots.length === 0) throw new NoEntities("no entity file matched");
  for (const option of unit.options) importUses(option.uses);
  copyClosure(roots, tests, project);
  const options = unit.options.map((o) => `  ${o.spread ? `...${o.expression}` : `${o.key}: ${o.expression}`},\n`).join("");
  fs.writeFileSync(
    path.join(project, "data-source.ts"),
    `import "reflect-metadata";\nimport { DataSource as SweepDataSource } from "typeorm";\n${[...new Set(imports)].join("\n")}\n\n` +
      `export default new SweepDataSource({\n  type: "postgres",\n  url: process.env.SWEEP_URL,\n  entities: [${entries.join(", ")}],\n${options}});\n`,
  );
  fs.writeFileSync(path.join(project, "tsconfig.json"), `${JSON.stringify(TSCONFIG, null, 2)}\n`);
  return project;
}

/** Where a test file's import points from the temporary project: a copied file (`root`), or the typeorm package. */
function importTarget(module, dir, tests) {
  if (!module.startsWith(".")) return { spec: module, root: null };
  const target = path.resolve(dir, module);
  const src = path.join(tests, "src");
  if (target === src || target.startsWith(`${src}${path.sep}`)) {
    const inner = path.relative(src, target).replace(/\\/g, "/").replace(/\.(ts|js)$/, "");
    return { spec: inner === "" || inner === "index" ? "typeorm" : `typeorm/${inner}`, root: null };
  }
  const file = resolveTs(target);
  if (!file) throw new HarnessError(`cannot resolve ${module}`);
  return { spec: `./${path.relative(tests, file).replace(/\\/g, "/").replace(/\.ts$/, "")}`, root: file };
}

class HarnessError extends Error {}
/** A glob that matches nothing: TypeORM's test runs with no entity at all, so there is nothing to sweep. */
class NoEntities extends Error {}

// ---------------------------------------------------------------------------------------------------------------
// one unit

async function runUnit(unit, { tests, work, pg, emptyDump, keep }) {
  const result = { folder: unit.name, status: "ok", reason: "", loaded: false, fixpoint: false, equivalent: false, cleanDowngrade: false };
  const fail = (status, reason, details) => {
    if (result.status === "ok") {
      result.status = status;
      result.reason = firstLine(reason);
    }
    if (details) (result.details ??= {})[status] = details;
  };
  let project;
  try {
    project = makeProject(unit, tests, work);
  } catch (error) {
    if (error instanceof NoEntities) return { folder: unit.name, status: "skipped", reason: "no entity files" };
    fail("harness error", String(error.message));
    return result;
  }
  try {
    await pg.withDatabase("m", async (migratorUrl) => {
      const cli = (...argv) => migrator(project, migratorUrl, argv);
      const first = cli("check");
      if (!(first.status === 0 || (first.status === 1 && /changes? to apply/.test(first.stdout)))) {
        fail("load error", errorText(first));
        return;
      }
      result.loaded = true;
      // nothing to apply on an empty database (every entity `synchronize: false`): no revision is written,
      // so there is nothing to upgrade to (`head` names no revision) and nothing to downgrade
      const nothing = first.status === 0;
      const revision = nothing ? { stderr: "" } : cli("revision", "--autogenerate", "-m", "initial");
      if (revision.status !== undefined && revision.status !== 0) return fail("revision error", errorText(revision));
      const upgrade = nothing ? { status: 0 } : cli("upgrade", "head");
      if (upgrade.status !== 0) return fail("upgrade error", errorText(upgrade));
      const again = cli("check");
      if (again.status === 0) result.fixpoint = true;
      else fail("phantom", again.status === 1 ? again.stdout.trim().split("\n")[0] : errorText(again), again.stdout.trim().split("\n").slice(0, 20));

      const ours = await dumpSchema(migratorUrl);
      const warnings = `${revision.stderr}`.split("\n").filter((l) => l.startsWith("warning: "));
      if (warnings.length > 0) result.warnings = warnings.slice(0, 5);
      await pg.withDatabase("t", async (typeormUrl) => {
        const sync = run(process.execPath, [__filename, "--synchronize", project, typeormUrl], project);
        if (sync.status !== 0) return fail("typeorm error", sync.stderr || sync.stdout);
        const theirs = await dumpSchema(typeormUrl);
        // the metadata rows TypeORM's tools read (views, generated columns): migrator keeps them as synchronize does
        const diff = [...lineDiff(ours, theirs), ...lineDiff(await pg.metadataRows(migratorUrl), await pg.metadataRows(typeormUrl))];
        if (diff.length === 0) result.equivalent = true;
        else fail("not equivalent", diff[0], diff.slice(0, 30));
      }, emptyDump);

      const down = nothing ? { status: 0 } : cli("downgrade", "base");
      if (down.status !== 0) return fail("downgrade error", errorText(down));
      // TypeORM's metadata table stays, whatever its name (metadataTableName): no revision drops it, as synchronize never does
      const metadataTables = (await pg.metadataTables(migratorUrl)).map((t) => t.table_name);
      const residue = lineDiff(await dumpSchema(migratorUrl, [...OWN_TABLES, ...metadataTables]), emptyDump.own);
      if (residue.length === 0) result.cleanDowngrade = true;
      else fail("downgrade residue", residue[0], residue.slice(0, 30));
    }, emptyDump);
  } catch (error) {
    fail("harness error", String(error && error.message));
  }
  if (!keep && project) fs.rmSync(project, { recursive: true, force: true });
  return result;
}

function migrator(project, url, argv) {
  return run(process.execPath, [path.join(ROOT, "bin/migrator.js"), "-d", "data-source.ts", "--url", url, ...argv], project);
}

function run(command, argv, cwd) {
  const t0 = Date.now();
  const r = spawnSync(command, argv, { cwd, encoding: "utf8", timeout: STEP_TIMEOUT_MS, env: { ...process.env, NO_COLOR: "1" } });
  if (process.env.SWEEP_DEBUG) process.stderr.write(`  ${Date.now() - t0} ms ${argv.slice(-2).join(" ")}\n`);
  if (r.error) return { status: -1, stdout: r.stdout ?? "", stderr: `${r.error.code === "ETIMEDOUT" ? "timed out" : r.error.message}` };
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The error line of a failed command: its stderr without the progress lines. */
function errorText(r) {
  const lines = `${r.stderr}\n${r.stdout}`.split("\n").filter((l) => l.trim() && !/^(database|embedded): /.test(l) && !/^warning: /.test(l));
  return lines[0] ?? `exit ${r.status}`;
}

function firstLine(text) {
  return String(text).trim().split("\n")[0].slice(0, 300);
}

/** Lines only one side has, migrator's first (`- migrator:` / `+ typeorm:`), order kept; pg_dump's comments left out. */
function lineDiff(ours, theirs) {
  const count = (text) => {
    const m = new Map();
    for (const l of text.split("\n")) if (l.trim() && !l.startsWith("--")) m.set(l, (m.get(l) ?? 0) + 1);
    return m;
  };
  const a = count(ours);
  const b = count(theirs);
  const out = [];
  for (const [l, n] of a) if ((b.get(l) ?? 0) < n) out.push(`migrator: ${l.trim()}`);
  for (const [l, n] of b) if ((a.get(l) ?? 0) < n) out.push(`typeorm: ${l.trim()}`);
  return out;
}

async function dumpSchema(url, leaveOut = OWN_TABLES) {
  const args = ["--schema-only", "--no-owner", "--no-privileges", ...leaveOut.map((t) => `--exclude-table=*.${t}`), url];
  const stdout = execFileSync(PG_DUMP, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  // pg_dump >= 15.14 fences its output with \restrict KEY / \unrestrict KEY, a random key per run
  return stdout.replace(/^\\(un)?restrict \S+$/gm, "\\$1restrict KEY");
}

// ---------------------------------------------------------------------------------------------------------------
// databases

/**
 * Two databases per tag kept for the whole sweep: CREATE DATABASE costs more
 * than a unit's other steps together on a loaded server, so between units a
 * database is emptied instead, and made anew only when emptying does not give
 * back exactly what a fresh database dumps.
 */
const EMPTY_IT = `
DO $$ DECLARE r record; BEGIN
  FOR r IN SELECT nspname FROM pg_namespace WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'public')
           AND nspname NOT LIKE 'pg\\_toast%' AND nspname NOT LIKE 'pg\\_temp%' LOOP
    EXECUTE format('DROP SCHEMA %I CASCADE', r.nspname);
  END LOOP;
  FOR r IN SELECT extname FROM pg_extension WHERE extname <> 'plpgsql' LOOP
    EXECUTE format('DROP EXTENSION IF EXISTS %I CASCADE', r.extname);
  END LOOP;
  FOR r IN SELECT c.relname, c.relkind FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') LOOP
    EXECUTE format('DROP %s IF EXISTS public.%I CASCADE',
      CASE r.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, r.relname);
  END LOOP;
  FOR r IN SELECT t.typname FROM pg_type t WHERE t.typnamespace = 'public'::regnamespace AND t.typtype IN ('e', 'd', 'c', 'r', 'm')
           AND NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = t.typrelid AND c.relkind <> 'c') LOOP
    EXECUTE format('DROP TYPE IF EXISTS public.%I CASCADE', r.typname);
  END LOOP;
  FOR r IN SELECT p.oid::regprocedure AS sig FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace LOOP
    EXECUTE format('DROP ROUTINE IF EXISTS %s CASCADE', r.sig);
  END LOOP;
END $$`;

class Pg {
  constructor(adminUrl) {
    this.adminUrl = adminUrl;
    this.made = new Set();
  }

  async query(url, sql) {
    const { Client } = require(require.resolve("pg", { paths: [ROOT] }));
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }

  async metadataTables(url) {
    const { Client } = require(require.resolve("pg", { paths: [ROOT] }));
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT table_schema, table_name FROM information_schema.columns
        WHERE column_name IN ('type', 'database', 'schema', 'table', 'name', 'value') GROUP BY 1, 2 HAVING count(*) = 6`);
      return rows;
    } finally {
      await client.end();
    }
  }

  /** TypeORM's metadata table rows (whatever its name: the table with its six columns), one line each, the database name left out. */
  async metadataRows(url) {
    const { Client } = require(require.resolve("pg", { paths: [ROOT] }));
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const tables = await this.metadataTables(url);
      const lines = [];
      for (const t of tables) {
        const { rows } = await client.query(`SELECT type, schema, "table", name, value FROM ${client.escapeIdentifier(t.table_schema)}.${client.escapeIdentifier(t.table_name)}`);
        for (const r of rows) lines.push(`metadata ${t.table_name}: ${JSON.stringify([r.type, r.schema, r.table, r.name, r.value])}`);
      }
      return lines.sort().join("\n");
    } finally {
      await client.end();
    }
  }

  urlOf(name) {
    const url = new URL(this.adminUrl);
    url.pathname = `/${name}`;
    return url.toString();
  }

  async create(name) {
    await this.query(this.adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await this.query(this.adminUrl, `CREATE DATABASE ${name}`);
    this.made.add(name);
  }

  /** An empty database named for `tag`: `fn` gets its URL. `emptyDump` (when known) is what empty means. */
  async withDatabase(tag, fn, emptyDump) {
    const name = `sweep_${process.pid}_${tag}`;
    if (!this.made.has(name) || !emptyDump) await this.create(name);
    else {
      await this.query(this.urlOf(name), EMPTY_IT).catch(() => undefined);
      if ((await dumpSchema(this.urlOf(name), [])) !== emptyDump.full) await this.create(name);
    }
    return fn(this.urlOf(name));
  }

  async dropAll() {
    for (const name of this.made) await this.query(this.adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// the reference: TypeORM's synchronize, as TypeORM's test utils run it (schemas created first)

async function synchronizeMode(project, url) {
  // TypeScript compiled as migrator compiles it (tsc's semantics: an import cycle reads undefined, not a dead zone),
  // so both sides see the same classes; TypeORM's own test runs compile with tsc
  const { loadUserModule } = require(path.join(ROOT, "dist/loader"));
  process.env.SWEEP_URL = url;
  const exported = loadUserModule(path.join(project, "data-source.ts"), project);
  const dataSource = exported.default ?? exported;
  await dataSource.initialize();
  try {
    const schemas = new Set(dataSource.entityMetadatas.map((m) => m.schema).filter(Boolean));
    if (dataSource.options.schema) schemas.add(dataSource.options.schema);
    const runner = dataSource.createQueryRunner();
    for (const schema of schemas) await runner.createSchema(schema, true);
    await runner.release();
    await dataSource.synchronize();
  } finally {
    await dataSource.destroy();
  }
}

// last, once every declaration above is initialised
if (process.argv[2] === "--synchronize") {
  synchronizeMode(process.argv[3], process.argv[4]).catch((error) => {
    process.stderr.write(`${firstLine(error && error.stack ? String(error.message) : String(error))}\n`);
    process.exit(1);
  });
} else {
  main().catch((error) => {
    process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
    process.exit(2);
  });
}
