/**
 * ESM projects (`"type": "module"`, `./x.js` specifiers that point at `.ts`,
 * their own `__dirname`), `.mts`/`.cts` files and entities already compiled
 * by tsc (CommonJS or ES modules, as a production image holds them) load
 * side by side and give one model.
 */
import { readFileSync, readdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { REPO } from "../../helpers/project";
import { withTempDir } from "../../helpers/tmp";
import { load, modelOf, writeTree } from "./project";

const USER = `
import { Column, Entity, OneToMany, PrimaryGeneratedColumn } from "typeorm";
import type { Relation } from "typeorm";
import { Post } from "./post.js";
@Entity()
export class User {
  @PrimaryGeneratedColumn() id!: number;
  @Column() name!: string;
  @OneToMany(() => Post, (post) => post.author) posts!: Relation<Post>[];
}
`;
const POST = `
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { Column, Entity, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import type { Relation } from "typeorm";
import { User } from "./user.js";
const __dirname = dirname(fileURLToPath(import.meta.url));
export const folder = __dirname;
@Entity()
export class Post {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ nullable: true }) title!: string;
  @ManyToOne(() => User, (user) => user.posts) author!: Relation<User>;
}
`;

function tsconfig(module: "NodeNext" | "CommonJS"): string {
  return JSON.stringify({
    compilerOptions: {
      target: "ES2022",
      module,
      moduleResolution: module === "NodeNext" ? "NodeNext" : "Node10",
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
      useDefineForClassFields: false,
      strict: true,
      skipLibCheck: true,
      outDir: "dist",
      rootDir: "src",
    },
    include: ["src"],
  });
}

/** tsc's output for each file of src/ into dist/ (transpileModule: the same emit, without type checking). */
function tsc(dir: string): void {
  const { compilerOptions } = JSON.parse(readFileSync(join(dir, "tsconfig.json"), "utf8")) as { compilerOptions: Record<string, unknown> };
  const { options } = ts.convertCompilerOptionsFromJson(compilerOptions, dir);
  const esm = options.module === ts.ModuleKind.NodeNext;
  // Node's ES module loader finds typeorm in the project's node_modules, as in a real project
  symlinkSync(join(REPO, "node_modules"), join(dir, "node_modules"));
  for (const name of readdirSync(join(dir, "src"))) {
    const output = ts.transpileModule(readFileSync(join(dir, "src", name), "utf8"), {
      compilerOptions: { ...options, module: esm ? ts.ModuleKind.ESNext : ts.ModuleKind.CommonJS },
      fileName: name,
    });
    writeTree(dir, { [`dist/${name.replace(/\.ts$/, ".js")}`]: output.outputText });
  }
}

describe("ES modules and compiled entities", () => {
  it("an ESM project's .ts files, its compiled .js and a CommonJS build give the same model", async () => {
    await withTempDir(async (dir) => {
      const esm = join(dir, "esm");
      writeTree(esm, { "package.json": JSON.stringify({ type: "module" }), "tsconfig.json": tsconfig("NodeNext"), "src/user.ts": USER, "src/post.ts": POST });
      const fromTs = await modelOf(await load(esm, ["src/*.ts"]));
      expect(fromTs.tables.map((t) => t.name)).toEqual(["post", "user"]);
      tsc(esm);
      const fromEsmJs = await modelOf(await load(esm, ["dist/*.js"]));
      expect(fromEsmJs).toEqual(fromTs);

      const cjs = join(dir, "cjs");
      writeTree(cjs, { "tsconfig.json": tsconfig("CommonJS"), "src/user.ts": USER, "src/post.ts": POST.replace(/^const __dirname.*$/m, "").replace("= __dirname", '= "."') });
      tsc(cjs);
      expect(await modelOf(await load(cjs, ["dist/*.js"]))).toEqual(fromTs);
    });
  });

  it(".mts and .cts entity files load", async () => {
    await withTempDir(async (dir) => {
      writeTree(dir, {
        "tsconfig.json": tsconfig("NodeNext"),
        "entities/user.mts": USER.replace("./post.js", "./post.cjs"),
        "entities/post.cts": POST.replace("./user.js", "./user.mjs").replace(/^const __dirname.*$/m, "").replace("= __dirname", '= "."'),
      });
      expect((await modelOf(await load(dir, ["entities/*"]))).tables.map((t) => t.name)).toEqual(["post", "user"]);
    });
  });
});
