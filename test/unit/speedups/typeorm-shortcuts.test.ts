/**
 * The metadata build with TypeORM's argument lookups indexed by target gives
 * exactly what it gives with TypeORM's own lookups: for every fixture set and
 * for 300 generated entities mixing what the lookups serve (relations in both
 * directions, join tables and columns, indices, uniques, checks, exclusions,
 * generated columns, embeddeds, a tree, table inheritance), the read model and
 * a fingerprint of TypeORM's metadata are deep-equal. The originals are back
 * afterwards, also after a build TypeORM rejects. The shortcuts are taken
 * only with speed-ups on and a TypeORM of the proven range.
 */
import "reflect-metadata";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { DataSource } from "typeorm";
import { loadUserModule } from "../../../src/loader";
import { readEntityModel } from "../../../src/entities";
import { withIndexedMetadataArgs } from "../../../src/speedups/typeorm-indexed-args";
import { patchMetadataBuilder } from "../../../src/speedups/typeorm-builder-patches";
import { withTypeormShortcuts } from "../../../src/speedups/typeorm-metadata-build";
import { provenTypeormVersion, typeormVersionOf } from "../../../src/speedups/typeorm-range";
import { takeSpeedupNotes } from "../../../src/speedups/notes";
import { buildOfflineDataSource } from "../../../src/entities/metadata";
import * as core from "../../fixtures/entities/core";
import * as inheritance from "../../fixtures/entities/inheritance";
import * as phantoms from "../../fixtures/entities/phantoms";
import * as schemas from "../../fixtures/entities/schemas";
import * as trees from "../../fixtures/entities/trees";
import { postgres } from "../../../src/dialect";

const typeorm = require("typeorm") as typeof import("typeorm");

const savedSwitch = process.env.MIGRATOR_SPEEDUPS;

/** The switch as the CLI reads it: from the environment, when the build runs. */
function speedups(on: boolean): void {
  if (on) {
    if (savedSwitch === undefined || savedSwitch === "off") delete process.env.MIGRATOR_SPEEDUPS;
    else process.env.MIGRATOR_SPEEDUPS = savedSwitch;
  } else process.env.MIGRATOR_SPEEDUPS = "off";
}

afterEach(() => {
  if (savedSwitch === undefined) delete process.env.MIGRATOR_SPEEDUPS;
  else process.env.MIGRATOR_SPEEDUPS = savedSwitch;
});

/** What TypeORM built, entity by entity, as plain data. */
function fingerprint(dataSource: DataSource): unknown {
  return dataSource.entityMetadatas.map((m) => ({
    table: m.tablePath,
    tableType: m.tableType,
    columns: m.columns.map((c) => [c.propertyPath, c.databaseName, String(c.type), c.isNullable, c.isPrimary, c.isGenerated, c.default === undefined ? null : String(c.default)]),
    relations: m.relations.map((r) => [r.propertyPath, r.relationType, r.inverseEntityMetadata.tablePath, r.joinTableName ?? null]),
    indices: m.indices.map((i) => [i.name, i.columns.map((c) => c.databaseName), i.isUnique, i.where ?? null]),
    uniques: m.uniques.map((u) => [u.name, u.columns.map((c) => c.databaseName)]),
    checks: m.checks.map((c) => [c.name, c.expression]),
    exclusions: m.exclusions.map((e) => [e.name, e.expression]),
    foreignKeys: m.foreignKeys.map((f) => [f.name, f.columnNames, f.referencedTablePath, f.onDelete]),
    embeddeds: m.embeddeds.map((e) => [e.propertyPath, e.prefix]),
    tree: m.treeType ?? null,
    parent: m.parentEntityMetadata?.tablePath ?? null,
    discriminator: m.discriminatorValue ?? null,
    properties: m.propertiesMap,
  }));
}

async function both(entities: readonly (Function | object)[]): Promise<void> {
  speedups(false);
  const plainModel = await readEntityModel(entities, { dialect: postgres, typeorm });
  const plainMetadata = fingerprint(await buildOfflineDataSource(typeorm, entities, {}));
  speedups(true);
  const indexedModel = await readEntityModel(entities, { dialect: postgres, typeorm });
  const indexedMetadata = fingerprint(await buildOfflineDataSource(typeorm, entities, {}));
  expect(indexedModel).toEqual(plainModel);
  expect(indexedMetadata).toEqual(plainMetadata);
  expect(plainModel.model.tables.length).toBeGreaterThan(0);
}

/** Entity i of a generated set: each feature on some of the entities. */
function entitySource(i: number, n: number): string {
  const parent = `Gen${Math.max(i - 1, 0)}`;
  const base = i % 11 === 0 ? "GenBase" : null;
  const lines = [
    `import { Check, Column, CreateDateColumn, Entity, Exclusion, Generated, Index, JoinColumn, JoinTable, ManyToMany, ManyToOne, OneToMany, OneToOne, PrimaryGeneratedColumn, Unique } from "typeorm";`,
    `import { GenBase, Money } from "./base";`,
    "",
    `@Entity({ name: "gen_${i}" })`,
    i % 10 !== 0 ? `@Index(["name", "count"])` : "",
    i % 5 === 0 ? `@Unique(["code", "count"])\n@Check(\`"count" >= ${i % 3}\`)` : "",
    i % 17 === 0 ? `@Exclusion(\`USING gist ("count" WITH =)\`)` : "",
    `export class Gen${i}${base ? ` extends ${base}` : ""} {`,
    `  @PrimaryGeneratedColumn() id!: number;`,
    `  @Column({ length: ${100 + (i % 7)} }) name!: string;`,
    `  @Column({ unique: ${i % 2 === 0} }) code!: string;`,
    `  @Column({ nullable: true }) count!: number;`,
    `  @Column("numeric", { precision: 10, scale: 2, default: ${i} }) price!: string;`,
    i % 3 === 0 ? `  @Column() @Generated("uuid") token!: string;` : "",
    i % 13 === 0 ? `  @Column(() => Money) money!: Money;` : "",
    i % 4 === 0 ? `  @CreateDateColumn() createdAt!: Date;` : "",
    `  @ManyToOne("${parent}", "children", { onDelete: "CASCADE", nullable: true }) @JoinColumn({ name: "parent_ref" }) parent!: unknown;`,
    i < n - 1 ? `  @OneToMany("Gen${i + 1}", "parent") children!: unknown[];` : "",
    i % 7 === 0 ? `  @ManyToMany("${parent}") @JoinTable({ name: "gen_${i}_links" }) links!: unknown[];` : "",
    i % 9 === 0 ? `  @OneToOne("${parent}") @JoinColumn() twin!: unknown;` : "",
    "}",
    "",
  ];
  return lines.filter((l) => l !== "").join("\n");
}

function generatedSet(n: number): (Function | object)[] {
  const dir = mkdtempSync(join(tmpdir(), "migrator-indexed-args-"));
  mkdirSync(join(dir, "entities"));
  writeFileSync(
    join(dir, "entities", "base.ts"),
    `import { ChildEntity, Column, Tree, TreeChildren, TreeParent, Entity, PrimaryGeneratedColumn, TableInheritance } from "typeorm";\n` +
      `export abstract class GenBase { @Column({ nullable: true }) inheritedNote!: string; @Column({ default: 1 }) version!: number; }\n` +
      `export class Money { @Column("numeric", { default: 0 }) amount!: string; @Column({ length: 3, default: "EUR" }) currency!: string; }\n` +
      `@Entity({ name: "gen_tree" }) @Tree("closure-table") export class GenTree { @PrimaryGeneratedColumn() id!: number; @TreeParent() up!: GenTree; @TreeChildren() down!: GenTree[]; }\n` +
      // single-table inheritance: the children's own columns become nullable in the parent's table
      `@Entity({ name: "gen_content" }) @TableInheritance({ column: { type: "varchar", name: "kind" } }) export class GenContent { @PrimaryGeneratedColumn() id!: number; @Column() title!: string; }\n` +
      `@ChildEntity() export class GenPhoto extends GenContent { @Column() size!: number; }\n` +
      `@ChildEntity() export class GenNote extends GenContent { @Column({ length: 20 }) tone!: string; }\n`,
  );
  const entities: (Function | object)[] = [];
  const files = [join(dir, "entities", "base.ts")];
  for (let i = 0; i < n; i++) {
    const file = join(dir, "entities", `gen${i}.ts`);
    writeFileSync(file, entitySource(i, n));
    files.push(file);
  }
  for (const file of files) {
    for (const value of Object.values(loadUserModule(file, dir) as Record<string, unknown>)) {
      if (typeof value === "function" && value.name !== "GenBase" && value.name !== "Money") entities.push(value);
    }
  }
  return entities;
}

describe("metadata build with indexed argument lookups", () => {
  for (const [name, set] of Object.entries({ core, trees, inheritance, schemas, phantoms })) {
    it(`gives the same model and metadata for the ${name} fixtures`, async () => {
      await both(set.entities);
    });
  }

  it("gives the same model and metadata for 300 generated entities", async () => {
    const entities = generatedSet(300);
    expect(entities.length).toBe(304);
    await both(entities);
  }, 120_000);

  it("puts TypeORM's lookups back, also when the build throws", async () => {
    const storage = typeorm.getMetadataArgsStorage();
    const prototype = Object.getPrototypeOf(storage) as Record<string, unknown>;
    const before = { filterColumns: prototype.filterColumns, filterByTarget: prototype.filterByTarget, findTree: prototype.findTree };
    let during: unknown;
    await expect(
      withIndexedMetadataArgs(storage, async () => {
        during = prototype.filterByTarget;
        throw new Error("rejected");
      }),
    ).rejects.toThrow("rejected");
    expect(during).not.toBe(before.filterByTarget);
    expect({ filterColumns: prototype.filterColumns, filterByTarget: prototype.filterByTarget, findTree: prototype.findTree }).toEqual(before);
  });

  it("applies every builder shortcut to this TypeORM, and undoes them", () => {
    const { EntityMetadataBuilder } = require("typeorm/metadata-builder/EntityMetadataBuilder") as { EntityMetadataBuilder: { prototype: Record<string, unknown> } };
    const { EntityMetadata } = require("typeorm/metadata/EntityMetadata") as { EntityMetadata: { prototype: Record<string, unknown> } };
    const { MetadataUtils } = require("typeorm/metadata-builder/MetadataUtils") as { MetadataUtils: Record<string, unknown> };
    const read = () => [EntityMetadataBuilder.prototype.computeEntityMetadataStep1, EntityMetadata.prototype.createPropertiesMap, MetadataUtils.isInherited];
    const before = read();
    const undo = patchMetadataBuilder(typeorm);
    const during = read();
    undo();
    during.forEach((method, i) => expect(method).not.toBe(before[i]));
    expect(read()).toEqual(before);
  });

  it("takes the shortcuts only with speed-ups on", async () => {
    const prototype = Object.getPrototypeOf(typeorm.getMetadataArgsStorage()) as Record<string, unknown>;
    const original = prototype.filterByTarget;
    const during = async (): Promise<unknown> => withTypeormShortcuts(typeorm, async () => prototype.filterByTarget);
    expect(await during()).not.toBe(original);
    speedups(false);
    expect(await during()).toBe(original);
    expect(prototype.filterByTarget).toBe(original);
  });
});

describe("the TypeORM versions the shortcuts were proven on", () => {
  it("reads the version of the typeorm copy it is given", () => {
    // typeorm's exports map leaves out its package.json: read it beside its entry
    const { version } = JSON.parse(readFileSync(join(dirname(require.resolve("typeorm")), "package.json"), "utf8")) as { version: string };
    expect(typeormVersionOf(typeorm)).toBe(version);
    expect(provenTypeormVersion(version)).toBe(true);
  });

  it("holds 1.1.1 and later patches of 1.1, nothing else", () => {
    for (const version of ["1.1.1", "1.1.2", "1.1.17"]) expect(provenTypeormVersion(version), version).toBe(true);
    for (const version of ["1.1.0", "1.2.0", "2.0.0", "0.3.20", "1.1.2-beta.1", "1.1", "", undefined]) expect(provenTypeormVersion(version), String(version)).toBe(false);
  });

  it("outside the range: TypeORM's own build, and one debug line saying why", async () => {
    takeSpeedupNotes();
    const storage = typeorm.getMetadataArgsStorage();
    const prototype = Object.getPrototypeOf(storage) as Record<string, unknown>;
    const original = prototype.filterByTarget;
    // a typeorm module of no known package: its version is unknown, so not proven
    const unknownCopy = { getMetadataArgsStorage: () => storage };
    expect(await withTypeormShortcuts(unknownCopy, async () => prototype.filterByTarget)).toBe(original);
    expect(await withTypeormShortcuts(unknownCopy, async () => prototype.filterByTarget)).toBe(original);
    const notes = takeSpeedupNotes();
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^typeorm of unknown version is outside >=1\.1\.1 <1\.2\.0/);
  });
});
