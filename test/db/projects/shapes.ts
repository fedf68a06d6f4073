/**
 * The project shapes under test/fixtures/projects and how each is built and
 * referenced (see support.ts). The README there says which real application
 * each shape was modelled on.
 */
import type { Shape } from "./support";

/** Most shapes: tsc of the project's tsconfig, its entity files matched in the output as the config matches the sources. */
const compiled = (name: string, entities: readonly string[], more: Partial<Shape> = {}): Shape => ({
  name,
  reference: { tsconfig: "tsconfig.json", entities },
  ...more,
});

export const PAIR = compiled("a-pair-two-files", ["ref/src/entities/*.js"], {
  reorder: { "src/entities/account.ts": "src/entities/zz-account.ts" },
});

export const CYCLE_OF_THREE = compiled("b-cycle-of-three", ["ref/src/entities/*.js"], {
  // member < project < team as named; team < project < member after the renames
  reorder: {
    "src/entities/team.ts": "src/entities/a-team.ts",
    "src/entities/project.ts": "src/entities/b-project.ts",
    "src/entities/member.ts": "src/entities/c-member.ts",
  },
});

export const BARREL = compiled("c-barrel-export-star", ["ref/src/models/index.js"]);

export const DEFAULT_EXPORTS = compiled("d-export-default", ["ref/src/entity/**/*.js"]);

export const PATHS_BASE_CLASS: Shape = {
  name: "e-paths-base-class",
  reference: {
    tsconfig: "tsconfig.json",
    entities: ["ref/src/features/**/*.entity.js"],
    // what tsconfig-paths / module-alias do for the built app at run time
    aliases: { "@common": "ref/src/common", src: "ref/src" },
  },
};

export const EMBEDDEDS = compiled("f-embeddeds-elsewhere", ["ref/src/domain/*.js"]);

export const ESM: Shape = {
  name: "g-esm-js-specifiers",
  reference: { tsconfig: "tsconfig.json", ownModule: true, entities: ["ref/src/entities/*.js"] },
};

export const MTS_CTS: Shape = {
  name: "h-mts-cts",
  reference: { tsconfig: "tsconfig.json", ownModule: true, entities: ["ref/src/*.mjs", "ref/src/*.cjs"] },
};

export const COMPILED_DIST: Shape = {
  name: "i-compiled-dist",
  build: [{ tsc: "tsconfig.json" }],
  // the project's own build output is the reference: no second compile
  reference: { tsconfig: null, entities: ["project/dist/**/*.entity.js"] },
  sourceEntities: ["src/**/*.entity.ts"],
};

export const WORKSPACE_DIST: Shape = {
  name: "j-workspace-package-dist",
  build: [{ tsc: "packages/models/tsconfig.json" }, { link: "node_modules/@acme/models", target: "packages/models" }],
  reference: {
    tsconfig: "tsconfig.json",
    entities: ["ref/src/**/*.entity.js", "project/node_modules/@acme/models/dist/**/*.entity.js"],
    aliases: { "@acme/models": "project/packages/models" },
  },
};

export const DEFERRED = compiled("k-deferred-decorators", ["ref/src/models/*.js"]);

export const EXCLUSION = compiled("l-glob-exclusion", ["ref/src/models/*.js", "!ref/src/models/_*.js"]);

export const JUNCTION_BOTH_SIDES = compiled("m-junction-both-sides", ["ref/src/models/*.js"]);

export const JUNCTION_ENTITY = compiled("n-junction-entity-and-join-table", ["ref/src/models/*.js"]);

export const DATA_SOURCE: Shape = {
  name: "o-data-source-naming",
  reference: { tsconfig: "tsconfig.json", dataSource: "ref/src/data-source.js" },
};

/** Modelled on an e-commerce backend (string ids, soft deletes, flags, junctions declared twice). */
export const REAL_COMMERCE = compiled("real-commerce", ["ref/src/models/*.js"]);

/** Modelled on a headless-commerce framework (a folder per entity, translations, a closure tree, empty custom-field embeddeds). */
export const REAL_CATALOG = compiled("real-catalog", ["ref/src/entity/**/*.entity.js"]);
