#!/usr/bin/env node
// A process that (with LAZY=1) installs, from src/ as the CLI's entry does, the
// deferred loading of TypeORM's modules and of the packages it requires at
// load but uses only later (src/speedups/typeorm-lazy-packages.ts); builds
// TypeORM's metadata of an EntitySchema offline; then formats and colours SQL
// and globs a folder through TypeORM. Prints as JSON which deferred packages
// were loaded after the build and after the use, and what TypeORM answered.
// Used by test/unit/speedups/typeorm-lazy-packages.test.ts.
"use strict";
const { join } = require("node:path");
const src = join(__dirname, "..", "..", "src");
require("./ts-require-hook");
if (process.env.LAZY === "1") {
  require(join(src, "speedups", "typeorm-lazy-modules.ts")).installLazyTypeormModules();
  require(join(src, "speedups", "typeorm-lazy-packages.ts")).installLazyTypeormPackages();
}
const PACKAGES = ["tinyglobby", "@sqltools/formatter", "sql-highlight", "picomatch", "fdir"];
const loaded = () => PACKAGES.filter((name) => Object.keys(require.cache).some((file) => file.includes(`/node_modules/${name}/`)));
(async () => {
  const typeorm = require("typeorm");
  const Note = new typeorm.EntitySchema({ name: "Note", columns: { id: { type: Number, primary: true, generated: true }, body: { type: "text" } } });
  const dataSource = new typeorm.DataSource({ type: "postgres", entities: [Note] });
  await dataSource.buildMetadatas();
  const afterBuild = loaded();
  const { PlatformTools } = require("typeorm/platform/PlatformTools");
  const { importClassesFromDirectories } = require("typeorm/util/DirectoryExportedClassesLoader");
  const formatted = PlatformTools.formatSql("SELECT a, b FROM t WHERE a = 1", "postgres");
  const highlighted = PlatformTools.highlightSql("SELECT 1");
  const logger = { log: () => undefined };
  const found = await importClassesFromDirectories(logger, [join(process.env.GLOB_DIR, "*.js")]);
  process.stdout.write(
    JSON.stringify({ afterBuild, afterUse: loaded(), formatted, highlighted, found: found.map((c) => c.name), tables: dataSource.entityMetadatas.map((m) => m.tableName) }),
  );
})().catch((error) => {
  process.stderr.write(String(error && error.stack));
  process.exitCode = 3;
});
