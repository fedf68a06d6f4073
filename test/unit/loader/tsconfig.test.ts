/**
 * The nearest tsconfig.json of each loaded file (with `extends`) decides how
 * imports resolve (`paths`, `baseUrl`) and whether `design:type` is emitted,
 * as tsc would for that file.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EntityError } from "../../../src/errors";
import { withTempDir } from "../../helpers/tmp";
import { load, modelOf, tableOf, writeTree } from "./project";

const BASE = `
import { CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
export abstract class Base {
  @PrimaryGeneratedColumn("uuid") id!: string;
  @CreateDateColumn() createdAt!: Date;
  @UpdateDateColumn() updatedAt!: Date;
}
`;

describe("tsconfig.json", () => {
  it("resolves `paths` aliases and `baseUrl` imports, through `extends`", async () => {
    await withTempDir(async (dir) => {
      writeTree(dir, {
        "tsconfig.base.json": JSON.stringify({
          compilerOptions: { experimentalDecorators: true, emitDecoratorMetadata: true, baseUrl: ".", paths: { "@common/*": ["libs/common/src/*"] } },
        }),
        "tsconfig.json": JSON.stringify({ extends: "./tsconfig.base.json" }),
        "libs/common/src/base.ts": BASE,
        "libs/common/src/status.ts": `export enum Status { Open = "open", Closed = "closed" }\n`,
        "src/shared/money.ts": `import { Column } from "typeorm";\nexport class Money {\n  @Column({ type: "numeric", precision: 12, scale: 2 }) amount!: string;\n  @Column() currency!: string;\n}\n`,
        "src/entities/ticket.ts": `
import { Column, Entity } from "typeorm";
import { Base } from "@common/base";
import { Status } from "@common/status.js";
import { Money } from "src/shared/money";
@Entity()
export class Ticket extends Base {
  @Column() title!: string;
  @Column({ type: "enum", enum: Status, default: Status.Open }) status!: Status;
  @Column(() => Money) price!: Money;
}
`,
      });
      const loaded = await load(dir, ["src/entities/*.ts"]);
      const ticket = tableOf(await modelOf(loaded), "ticket");
      expect(ticket.columns.map((c) => c.name)).toEqual(["id", "createdAt", "updatedAt", "title", "status", "priceAmount", "priceCurrency"]);
      expect(loaded.warnings).toEqual([]);
    });
  });

  it("without emitDecoratorMetadata emits no design:type, as tsc, and says so once", async () => {
    await withTempDir(async (dir) => {
      writeTree(dir, {
        "tsconfig.json": JSON.stringify({ compilerOptions: { experimentalDecorators: true } }),
        "entities/typed.ts": `import { Column, Entity, PrimaryColumn } from "typeorm";\n@Entity()\nexport class Typed {\n  @PrimaryColumn({ type: "int" }) id!: number;\n  @Column({ type: "text" }) note!: string;\n}\n`,
        "entities/other.ts": `import { Column, Entity, PrimaryColumn } from "typeorm";\n@Entity()\nexport class Other {\n  @PrimaryColumn({ type: "int" }) id!: number;\n}\n`,
      });
      const loaded = await load(dir, ["entities/*.ts"]);
      expect(loaded.warnings).toHaveLength(1);
      expect(loaded.warnings[0]).toContain(join(dir, "tsconfig.json"));
      expect(loaded.warnings[0]).toContain("emitDecoratorMetadata");
      expect(tableOf(await modelOf(loaded), "typed").columns.map((c) => c.type)).toEqual(["integer", "text"]);
    });
    await withTempDir(async (dir) => {
      writeTree(dir, {
        "tsconfig.json": JSON.stringify({ compilerOptions: { experimentalDecorators: true } }),
        "entities/inferred.ts": `import { Column, Entity, PrimaryColumn } from "typeorm";\n@Entity()\nexport class Inferred {\n  @PrimaryColumn({ type: "int" }) id!: number;\n  @Column() note!: string;\n}\n`,
      });
      // the type TypeORM would have inferred is not there: its own error, not a silent guess
      const failure = await load(dir, ["entities/*.ts"]).then(
        () => null,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(EntityError);
      expect((failure as EntityError).message).toMatch(/Inferred#note is not defined/);
      expect((failure as EntityError).hint).toContain("emitDecoratorMetadata");
    });
  });
});
