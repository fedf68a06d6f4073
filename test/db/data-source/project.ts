/**
 * A TypeORM project the way real ones are laid out: entities under
 * src/entity, a naming strategy of its own (the shape of the snake-case
 * strategy from `typeorm-naming-strategies`, written here), and a
 * src/data-source.ts exporting the DataSource; no migrator.config.ts.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

export interface DataSourceProjectOptions {
  /** What `entities` lists: the classes, a glob relative to the working directory, or one from __dirname. */
  readonly entities?: "classes" | "cwd-glob" | "dirname-glob" | "dirname-star";
  /** `export const AppDataSource = ...` or `export default ...`. */
  readonly exportAs?: "named" | "default";
  /** Connection options written into the DataSource (TypeScript source of the properties), if any. */
  readonly connection?: string;
  /** Put namingStrategy and entityPrefix into the DataSource (default) or leave them out. */
  readonly naming?: boolean;
  /** More DataSource properties, as TypeScript source (`  schema: "app",\n`). */
  readonly extra?: string;
}

export const TABLES = ["app_blog_author", "app_blog_post", "app_blog_post_post_tags_post_tag", "app_post_tag"] as const;

const FILES: Record<string, string> = {
  "src/naming.ts": `import { DefaultNamingStrategy, type NamingStrategyInterface } from "typeorm";

function snakeCase(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z])([A-Z][a-z])/g, "$1_$2")
    .toLowerCase();
}

export class SnakeNamingStrategy extends DefaultNamingStrategy implements NamingStrategyInterface {
  tableName(className: string, customName: string | undefined): string {
    return customName ? customName : snakeCase(className);
  }

  columnName(propertyName: string, customName: string | undefined, embeddedPrefixes: string[]): string {
    return snakeCase(embeddedPrefixes.concat("").join("_")) + (customName ? customName : snakeCase(propertyName));
  }

  relationName(propertyName: string): string {
    return snakeCase(propertyName);
  }

  joinColumnName(relationName: string, referencedColumnName: string): string {
    return snakeCase(relationName + "_" + referencedColumnName);
  }

  joinTableName(firstTableName: string, secondTableName: string, firstPropertyName: string): string {
    return snakeCase(firstTableName + "_" + firstPropertyName.replace(/\\./g, "_") + "_" + secondTableName);
  }

  joinTableColumnName(tableName: string, propertyName: string, columnName?: string): string {
    return snakeCase(tableName + "_" + (columnName ? columnName : propertyName));
  }
}
`,
  "src/entity/blog-author.ts": `import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from "typeorm";

@Entity()
@Unique(["emailAddress"])
export class BlogAuthor {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column()
  displayName!: string;

  @Column({ nullable: true })
  emailAddress!: string;

  @Column({ name: "legacyScore", default: 0 })
  score!: number;

  @CreateDateColumn()
  createdAt!: Date;
}
`,
  "src/entity/blog-post.ts": `import { Column, Entity, Index, JoinTable, ManyToMany, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
import { BlogAuthor } from "./blog-author";
import { PostTag } from "./post-tag";

@Entity()
@Index(["author", "publishedAt"])
export class BlogPost {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ length: 200 })
  postTitle!: string;

  @Column({ type: "timestamptz", nullable: true })
  publishedAt!: Date | null;

  @Column({ default: 0 })
  viewCount!: number;

  @ManyToOne(() => BlogAuthor, { onDelete: "CASCADE", nullable: false })
  author!: BlogAuthor;

  @ManyToMany(() => PostTag)
  @JoinTable()
  postTags!: PostTag[];

  @UpdateDateColumn()
  lastEditedAt!: Date;
}
`,
  "src/entity/post-tag.ts": `import { Column, Entity, PrimaryColumn } from "typeorm";

@Entity()
export class PostTag {
  @PrimaryColumn()
  tagName!: string;

  @Column({ type: "text", nullable: true })
  tagDescription!: string | null;
}
`,
};

const ENTITY_LISTS = {
  classes: "[BlogAuthor, BlogPost, PostTag]",
  "cwd-glob": `["src/entity/*.{ts,js}"]`,
  "dirname-glob": `[__dirname + "/entity/*.{ts,js}"]`,
  "dirname-star": `[__dirname + "/entity/*"]`,
};

export function dataSourceSource(options: DataSourceProjectOptions = {}): string {
  const entities = options.entities ?? "classes";
  const imports =
    entities === "classes"
      ? `import { BlogAuthor } from "./entity/blog-author";\nimport { BlogPost } from "./entity/blog-post";\nimport { PostTag } from "./entity/post-tag";\n`
      : "";
  const naming = options.naming === false ? "" : `  namingStrategy: new SnakeNamingStrategy(),\n  entityPrefix: "app_",\n`;
  const body = `new DataSource({
  type: "postgres",
${options.connection ?? ""}  entities: ${ENTITY_LISTS[entities]},
${naming}${options.extra ?? ""}  synchronize: false,
  logging: false,
})`;
  const exported = options.exportAs === "default" ? `export default ${body};\n` : `export const AppDataSource = ${body};\n`;
  return `import "reflect-metadata";\nimport { DataSource } from "typeorm";\nimport { SnakeNamingStrategy } from "./naming";\n${imports}\n${exported}`;
}

/** Writes the project into `dir`: entities, naming strategy and src/data-source.ts. */
export function writeDataSourceProject(dir: string, options: DataSourceProjectOptions = {}): void {
  for (const [path, text] of Object.entries({ ...FILES, "src/data-source.ts": dataSourceSource(options) })) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

/** A server URL as a DataSource's host/port/username/password/database properties (no url). */
export function connectionParts(url: string): string {
  const parsed = new URL(url);
  const parts = [
    `  host: ${JSON.stringify(parsed.hostname)},`,
    `  port: ${Number(parsed.port || 5432)},`,
    `  username: ${JSON.stringify(decodeURIComponent(parsed.username))},`,
    parsed.password ? `  password: ${JSON.stringify(decodeURIComponent(parsed.password))},` : "",
    `  database: ${JSON.stringify(decodeURIComponent(parsed.pathname.slice(1)))},`,
  ];
  return `${parts.filter(Boolean).join("\n")}\n`;
}
