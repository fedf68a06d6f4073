"use strict";
// Scenario 5: start-up cost. `migrator --help` next to `typeorm --help` and an
// empty node process (the floor); `migrator heads` on a 10-revision project.
const lib = require("../lib");
const { writeMigratorProject, migrator } = require("./revisions");

async function run() {
  const dir = lib.workDir("cold-start");
  writeMigratorProject(dir, 10, lib.dbUrl("bench_cold_unused"));
  const help = await lib.alternate({
    migrator: { run: () => lib.expectExit(lib.runNode(lib.MIGRATOR, ["--help"]), [0], "migrator --help") },
    typeorm: { run: () => lib.expectExit(lib.runNode(lib.TYPEORM_CLI, ["--help"]), [0], "typeorm --help") },
    node: { run: () => lib.expectExit(lib.runNode("-e", [""]), [0], "node -e ''") },
  });
  const heads = await lib.alternate({
    migrator: { run: () => lib.expectExit(migrator(dir, "heads"), [0], "migrator heads") },
  });
  return { help, heads };
}

module.exports = { run };
