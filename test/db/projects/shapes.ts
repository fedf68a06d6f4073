/**
 * The project shapes under test/fixtures/projects and how each is built and
 * referenced (see support.ts). The README there says which real application
 * each shape was modelled on. `shows`: catalog lines TypeORM's synchronize of
 * the shape must have (what the shape is about), checked on the reference.
 */
import type { Shape } from "./support";

/** Most shapes: tsc of the project's tsconfig, its entity files matched in the output as the config matches the sources. */
const compiled = (name: string, entities: readonly string[], shows: readonly string[], more: Partial<Shape> = {}): Shape => ({
  name,
  reference: { tsconfig: "tsconfig.json", entities, shows },
  ...more,
});

const fk = (columns: string, target: string): string => `FOREIGN KEY \\(${columns}\\) REFERENCES ${target}`;

export const PAIR = compiled("a-pair-two-files", ["ref/src/entities/*.js"], [fk(`"accountId"`, "account\\(id\\) ON DELETE CASCADE")], {
  reorder: { "src/entities/account.ts": "src/entities/zz-account.ts" },
});

export const CYCLE_OF_THREE = compiled("b-cycle-of-three", ["ref/src/entities/*.js"], [fk(`"flagshipId"`, "project"), fk(`"leadId"`, "member"), fk(`"teamId"`, "team")], {
  // member < project < team as named; team < project < member after the renames
  reorder: {
    "src/entities/team.ts": "src/entities/a-team.ts",
    "src/entities/project.ts": "src/entities/b-project.ts",
    "src/entities/member.ts": "src/entities/c-member.ts",
  },
});

export const BARREL = compiled("c-barrel-export-star", ["ref/src/models/index.js"], ["^enum public\\.shelf_kind_enum 'ambient','chilled','frozen'", fk(`"shelfId"`, "shelf")]);

export const DEFAULT_EXPORTS = compiled("d-export-default", ["ref/src/entity/**/*.js"], ["^rel r public\\.topics_essays_essays ", fk(`"authorId"`, "authors")]);

export const PATHS_BASE_CLASS: Shape = {
  name: "e-paths-base-class",
  reference: {
    tsconfig: "tsconfig.json",
    entities: ["ref/src/features/**/*.entity.js"],
    // what tsconfig-paths / module-alias do for the built app at run time
    aliases: { "@common": "ref/src/common", src: "ref/src" },
    shows: ["^enum public\\.visibility ", `^col public\\.people #2 "createdAt" timestamp with time zone`, fk(`"ownerId"`, "people")],
  },
};

export const EMBEDDEDS = compiled("f-embeddeds-elsewhere", ["ref/src/domain/*.js"], [
  `^col public\\.shipment #\\d+ "destLocationLat" double precision`,
  `^col public\\.shipment #\\d+ amount numeric\\(12,2\\)`,
  `^col public\\.shipment #\\d+ "insuredAmount" numeric\\(12,2\\)`,
  `^col public\\.warehouse #\\d+ "addressLocationLng" double precision`,
]);

export const ESM: Shape = {
  name: "g-esm-js-specifiers",
  reference: { tsconfig: "tsconfig.json", ownModule: true, entities: ["ref/src/entities/*.js"], shows: [fk(`"authorId"`, "author")] },
};

export const MTS_CTS: Shape = {
  name: "h-mts-cts",
  reference: { tsconfig: "tsconfig.json", ownModule: true, entities: ["ref/src/*.mjs", "ref/src/*.cjs"], shows: [fk(`"ledgerId"`, "ledger\\(id\\) ON DELETE CASCADE")] },
};

export const COMPILED_DIST: Shape = {
  name: "i-compiled-dist",
  build: [{ tsc: "tsconfig.json" }],
  // the project's own build output is the reference: no second compile
  reference: { tsconfig: null, entities: ["project/dist/**/*.entity.js"], shows: ["^enum public\\.gadget_state_enum ", fk(`"brandId"`, "brand")] },
  sourceEntities: ["src/**/*.entity.ts"],
};

export const WORKSPACE_DIST: Shape = {
  name: "j-workspace-package-dist",
  build: [{ tsc: "packages/models/tsconfig.json" }, { link: "node_modules/@acme/models", target: "packages/models" }],
  reference: {
    tsconfig: "tsconfig.json",
    entities: ["ref/src/**/*.entity.js", "project/node_modules/@acme/models/dist/**/*.entity.js"],
    aliases: { "@acme/models": "project/packages/models" },
    shows: ["^rel r public\\.postal_address ", fk(`"customerId"`, "customer"), fk(`"shipToId"`, "postal_address")],
  },
};

export const DEFERRED = compiled("k-deferred-decorators", ["ref/src/models/*.js"], [
  `^col public\\.basket #\\d+ "loyaltyPoints" integer`,
  `^col public\\.basket #\\d+ "giftWrap" boolean`,
  "^col public\\.basket_line #\\d+ stars smallint",
  `^col public\\.basket_line #\\d+ "reviewId" integer`,
  "^col public\\.review #\\d+ weight smallint",
  "!experiment",
]);

export const EXCLUSION = compiled("l-glob-exclusion", ["ref/src/models/*.js", "!ref/src/models/_*.js"], ["^rel r public\\.visit ", "!triage"]);

export const JUNCTION_BOTH_SIDES = compiled("m-junction-both-sides", ["ref/src/models/*.js"], ["^rel r public\\.listing_region ", fk("listing_id", "listing")], {
  // the two sides order the key differently: said once, the table compared as synchronize builds it
  warnings: [/^warning: table "listing_region" is declared by Region\.listings and by Listing\.regions, which disagree: /],
});

export const JUNCTION_ENTITY = compiled("n-junction-entity-and-join-table", ["ref/src/models/*.js"], ["^con public\\.item_channel \\S+ PRIMARY KEY", fk("item_id", "item")], {
  warnings: [/^warning: table "item_channel" is declared by ItemChannel and by Channel\.items, which disagree: /],
});

export const DATA_SOURCE: Shape = {
  name: "o-data-source-naming",
  reference: {
    tsconfig: "tsconfig.json",
    dataSource: "ref/src/data-source.js",
    shows: ["^rel r public\\.app_user_account ", "^col public\\.app_blog_post #\\d+ written_by_id", "^rel r public\\.app_blog_post_post_tags_tag "],
  },
};

/** Modelled on an e-commerce backend (string ids, soft deletes, feature flags, junctions declared twice). */
export const REAL_COMMERCE = compiled("real-commerce", ["ref/src/models/*.js"], [
  "^col public\\.region #\\d+ includes_tax boolean",
  "^rel r public\\.sales_channel ",
  fk("sales_channel_id", "sales_channel"),
  fk("profile_id", "shipping_profile"),
], {
  warnings: [
    /^warning: table "product_sales_channel" is declared by ProductSalesChannel and by Product\.sales_channels, which disagree: /,
    /^warning: table "product_shipping_profile" is declared by ShippingProfile\.products and by Product\.profiles, which disagree: /,
  ],
});

/** Modelled on a headless-commerce framework (a folder per entity, translations, a closure tree, empty custom-field embeddeds). */
export const REAL_CATALOG = compiled("real-catalog", ["ref/src/entity/**/*.entity.js"], [
  "^rel r public\\.collection_closure ",
  "^rel r public\\.product_channels_channel ",
  fk(`"baseId"`, "product\\(id\\) ON DELETE CASCADE"),
]);
