"use strict";
// Scenario 3: applying 1000 trivial revisions to a fresh database each run.
const lib = require("../lib");
const { writeMigratorProject, writeTypeormProject, migrator, typeorm } = require("./revisions");

async function versionRows(url, sql) {
  const { Client } = require("pg");
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

async function run(n = 1000) {
  if (!lib.migratorHas("upgrade")) return { skipped: "upgrade not available" };
  const dir = lib.workDir(`upgrade-${n}`);
  const migratorDb = "bench_upgrade_migrator";
  const typeormDb = "bench_upgrade_typeorm";
  writeMigratorProject(dir, n, lib.dbUrl(migratorDb));
  const dataSource = writeTypeormProject(dir, n, lib.dbUrl(typeormDb));
  const figures = await lib.alternate({
    migrator: {
      before: () => lib.freshDatabase(migratorDb),
      run: () => lib.expectExit(migrator(dir, "upgrade", "head"), [0], "migrator upgrade head"),
    },
    typeorm: {
      before: () => lib.freshDatabase(typeormDb),
      run: () => lib.expectExit(typeorm(dataSource, "migration:run"), [0], "typeorm migration:run"),
    },
  });
  // Both really applied everything: migrator sits at the last revision, TypeORM recorded n rows.
  const [head] = await versionRows(lib.dbUrl(migratorDb), "SELECT version_num FROM migrator_version");
  const [{ count }] = await versionRows(lib.dbUrl(typeormDb), "SELECT count(*)::int AS count FROM migrations");
  if (head?.version_num !== require("./revisions").revisionId(n - 1) || count !== n) {
    throw new Error(`after upgrade: migrator at ${head?.version_num}, TypeORM recorded ${count} of ${n}`);
  }
  await lib.dropDatabase(migratorDb);
  await lib.dropDatabase(typeormDb);
  return { revisions: n, figures };
}

module.exports = { run };
