/** `migrator init [DIR]`: scaffold a project that loads as it is. */
import { appendFileSync, copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { PACKAGED_SQL_TEMPLATE_PATH, PACKAGED_TEMPLATE_PATH } from "../config/load";
import { MigratorError } from "../errors";

export interface InitOptions {
  readonly directory: string;
  /** What a relative `directory` is relative to (default: the process's cwd). */
  readonly cwd?: string;
  readonly force?: boolean;
}

export interface InitResult {
  readonly directory: string;
  /** Paths written, relative to the directory. */
  readonly written: readonly string[];
}

const CONFIG = `import { defineConfig } from "typeorm-migrator";

export default defineConfig({
  entities: ["entities/**/*.ts"],
  migrations: "migrations",
  database: process.env.DATABASE_URL
    ? { url: process.env.DATABASE_URL }
    : { embedded: ".migrator/db" },
});
`;

const EXAMPLE_ENTITY = `import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

@Entity()
export class Example {
  @PrimaryGeneratedColumn("identity")
  id!: number;

  @Index()
  @Column({ length: 200 })
  name!: string;

  @Column({ nullable: true })
  note?: string;

  @CreateDateColumn()
  createdAt!: Date;
}
`;

/** For a project with no tsconfig.json: what TypeORM's decorators need (legacy decorators, design:type). */
const TSCONFIG = `${JSON.stringify(
  {
    compilerOptions: {
      target: "ES2022",
      module: "commonjs",
      strict: true,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
      useDefineForClassFields: false,
      esModuleInterop: true,
      skipLibCheck: true,
    },
  },
  null,
  2,
)}\n`;

/** The embedded database (~56 MB) and the caches are not for version control. */
const IGNORED = ".migrator/";

export function init(options: InitOptions): InitResult {
  const cwd = options.cwd ?? process.cwd();
  const directory = resolve(cwd, options.directory);
  const files: Array<{ path: string; write: (target: string) => void }> = [
    { path: "migrator.config.ts", write: (target) => writeFileSync(target, CONFIG) },
    { path: join("entities", "example.ts"), write: (target) => writeFileSync(target, EXAMPLE_ENTITY) },
    { path: join("templates", "revision.ts.hbs"), write: (target) => copyFileSync(PACKAGED_TEMPLATE_PATH, target) },
    { path: join("templates", "revision.sql.hbs"), write: (target) => copyFileSync(PACKAGED_SQL_TEMPLATE_PATH, target) },
    { path: join("migrations", ".gitkeep"), write: (target) => writeFileSync(target, "") },
  ];
  if (!options.force) {
    const existing = files.map((f) => f.path).filter((path) => existsSync(join(directory, path)));
    if (existing.length > 0) {
      throw new MigratorError(`${existing.join(", ")} already exist${existing.length === 1 ? "s" : ""} in ${relative(cwd, directory) || "."}`, {
        hint: "pass --force to overwrite",
      });
    }
  }
  for (const file of files) {
    const target = join(directory, file.path);
    mkdirSync(join(target, ".."), { recursive: true });
    file.write(target);
  }
  const written = files.map((f) => f.path);
  // added to what the project has, never overwritten
  if (!existsSync(join(directory, "tsconfig.json"))) {
    writeFileSync(join(directory, "tsconfig.json"), TSCONFIG);
    written.push("tsconfig.json");
  }
  if (ignoreMigratorFolder(join(directory, ".gitignore"))) written.push(".gitignore");
  return { directory, written };
}

/** Adds `.migrator/` to the .gitignore (made when missing); false when it is there already. */
function ignoreMigratorFolder(path: string): boolean {
  const text = existsSync(path) ? readFileSync(path, "utf8") : "";
  if (text.split(/\r?\n/).some((line) => /^\/?\.migrator\/?$/.test(line.trim()))) return false;
  appendFileSync(path, `${text === "" || text.endsWith("\n") ? "" : "\n"}${IGNORED}\n`);
  return true;
}
