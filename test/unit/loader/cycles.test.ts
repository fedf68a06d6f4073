/**
 * Entity files that import each other (User <-> Post in two files, the
 * commonest TypeORM shape) load whatever their names' order, and give the
 * model tsc's CommonJS output of the same files gives: swc's export getters
 * read a class in its temporal dead zone, which must read `undefined` as
 * tsc's plain export property does.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { resolveConfig } from "../../../src/config/load";
import { loadEntities } from "../../../src/loader/entities";
import { readEntityModel } from "../../../src/entities";
import type { SchemaModel } from "../../../src/model/types";
import { withTempDir } from "../../helpers/tmp";
import { postgres } from "../../../src/dialect";

const typeorm = require("typeorm") as typeof import("typeorm");

/** Three entities in a cycle: customer -> invoice -> line -> customer, and a pair in both directions. */
function cycleFiles(prefix: Record<"customer" | "invoice" | "line", string>): Record<string, string> {
  return {
    [`${prefix.customer}customer.ts`]: `
import { Column, Entity, OneToMany, PrimaryGeneratedColumn } from "typeorm";
import { Invoice } from "./${prefix.invoice}invoice";
import { Line } from "./${prefix.line}line";
@Entity()
export class Customer {
  @PrimaryGeneratedColumn() id!: number;
  @Column() name!: string;
  @OneToMany(() => Invoice, (invoice) => invoice.customer) invoices!: Invoice[];
  @OneToMany(() => Line, (line) => line.buyer) lines!: Line[];
}
`,
    [`${prefix.invoice}invoice.ts`]: `
import { Column, Entity, ManyToOne, OneToMany, PrimaryGeneratedColumn } from "typeorm";
import { Customer } from "./${prefix.customer}customer";
import { Line } from "./${prefix.line}line";
@Entity()
export class Invoice {
  @PrimaryGeneratedColumn("uuid") id!: string;
  @Column({ type: "numeric", precision: 10, scale: 2 }) total!: string;
  @ManyToOne(() => Customer, (customer) => customer.invoices, { onDelete: "CASCADE" }) customer!: Customer;
  @OneToMany(() => Line, (line) => line.invoice) lines!: Line[];
}
`,
    [`${prefix.line}line.ts`]: `
import { Column, Entity, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { Invoice } from "./${prefix.invoice}invoice";
import { Customer } from "./${prefix.customer}customer";
@Entity()
export default class Line {
  @PrimaryGeneratedColumn() id!: number;
  @Column() quantity!: number;
  @ManyToOne(() => Invoice, (invoice) => invoice.lines) invoice!: Invoice;
  @ManyToOne(() => Customer, (customer) => customer.lines, { nullable: true }) buyer!: Customer | null;
}
export { Line };
`,
  };
}

const ORDERS = [
  { name: "customer first", prefix: { customer: "a_", invoice: "b_", line: "c_" } },
  { name: "invoice first", prefix: { customer: "c_", invoice: "a_", line: "b_" } },
  { name: "line first", prefix: { customer: "b_", invoice: "c_", line: "a_" } },
] as const;

function write(dir: string, files: Record<string, string>): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
}

async function modelFromTs(dir: string): Promise<SchemaModel> {
  const config = resolveConfig({ entities: ["entities/*.ts"] }, join(dir, "migrator.config.ts"));
  const loaded = await loadEntities(config);
  return (await readEntityModel(loaded.entities, { dialect: postgres, typeorm })).model;
}

/** What tsc makes of the same files (CommonJS, legacy decorators, metadata), loaded by plain require. */
async function modelFromTsc(sourceDir: string, outDir: string): Promise<SchemaModel> {
  mkdirSync(outDir, { recursive: true });
  const entities: (Function | object)[] = [];
  const names = readdirSync(sourceDir).filter((f) => f.endsWith(".ts"));
  for (const name of names) {
    const output = ts.transpileModule(readFileSync(join(sourceDir, name), "utf8"), {
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        experimentalDecorators: true,
        emitDecoratorMetadata: true,
        useDefineForClassFields: false,
      },
    });
    writeFileSync(join(outDir, name.replace(/\.ts$/, ".js")), output.outputText);
  }
  for (const name of names.sort()) {
    const exported = require(join(outDir, name.replace(/\.ts$/, ".js"))) as Record<string, unknown>;
    for (const value of Object.values(exported)) if (typeof value === "function") entities.push(value);
  }
  return (await readEntityModel([...new Set(entities)], { dialect: postgres, typeorm })).model;
}

describe("entity files in an import cycle", () => {
  it.each(ORDERS)("load with $name and give tsc's model", async ({ prefix }) => {
    await withTempDir(async (dir) => {
      write(join(dir, "entities"), cycleFiles(prefix));
      const fromTs = await modelFromTs(dir);
      expect(fromTs.tables.map((t) => t.name)).toEqual(["customer", "invoice", "line"]);
      const fromTsc = await modelFromTsc(join(dir, "entities"), join(dir, "tsc-out"));
      expect(fromTs).toEqual(fromTsc);
    });
  });

  it("every file order gives the same model", async () => {
    const models: SchemaModel[] = [];
    for (const { prefix } of ORDERS) {
      await withTempDir(async (dir) => {
        write(join(dir, "entities"), cycleFiles(prefix));
        models.push(await modelFromTs(dir));
      });
    }
    expect(models[1]).toEqual(models[0]);
    expect(models[2]).toEqual(models[0]);
  });
});
