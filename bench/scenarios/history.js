"use strict";
// Scenario 2: listing 1000 applied revisions with the current one marked.
const lib = require("../lib");
const { writeMigratorProject, writeTypeormProject, migrator, typeorm } = require("./revisions");

async function run(n = 1000) {
  if (!lib.migratorHas("history", "indicate-current")) return { skipped: "history --indicate-current not available" };
  if (!lib.migratorHas("upgrade")) return { skipped: "upgrade not available (needed to apply the revisions first)" };
  const dir = lib.workDir(`history-${n}`);
  const migratorUrl = await lib.freshDatabase("bench_history_migrator");
  const typeormUrl = await lib.freshDatabase("bench_history_typeorm");
  writeMigratorProject(dir, n, migratorUrl);
  const dataSource = writeTypeormProject(dir, n, typeormUrl);
  lib.expectExit(migrator(dir, "upgrade", "head"), [0], "setup: migrator upgrade head");
  lib.expectExit(typeorm(dataSource, "migration:run"), [0], "setup: typeorm migration:run");
  const figures = await lib.alternate({
    migrator: { run: () => lib.expectExit(migrator(dir, "history", "--indicate-current"), [0], "migrator history --indicate-current") },
    typeorm: { run: () => lib.expectExit(typeorm(dataSource, "migration:show"), [0], "typeorm migration:show") },
  });
  const listed = figures.migrator.last.stdout.trim().split("\n").length;
  if (listed < n) throw new Error(`migrator history listed ${listed} lines for ${n} revisions`);
  if (!/\(current\)|current/.test(figures.migrator.last.stdout)) throw new Error("migrator history did not mark the current revision");
  await lib.dropDatabase("bench_history_migrator");
  await lib.dropDatabase("bench_history_typeorm");
  return { revisions: n, figures };
}

module.exports = { run };
