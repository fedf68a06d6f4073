#!/usr/bin/env node
"use strict";
const argv = process.argv.slice(2);
// before the thread pool starts: swc's compiling threads leave the main thread a core
require("../dist/speedups/thread-pool").leaveACoreToTheMainThread();
// for commands that load entities: fewer scavenges while everything loaded survives, TurboFan only for what runs long
require("../dist/speedups/entity-loading-tuning").tuneForCommand(argv);
// before the code cache, whose kept answers come first: relative requires inside packages answered from directory listings
require("../dist/speedups/listed-resolution").installListedResolution();
// before anything else loads, so our modules, yargs, pg and typeorm all compile from the cache
require("../dist/speedups/code-cache").installCodeCache(argv, { deferFirstWrite: true });
// TypeORM's modules that reading entities never uses stay uncompiled, and so do three packages it requires
require("../dist/speedups/typeorm-lazy-modules").installLazyTypeormModules();
require("../dist/speedups/typeorm-lazy-packages").installLazyTypeormPackages();
require("../dist/cli/main.js")
  .main(argv)
  .then((code) => {
    process.exitCode = code;
  });
