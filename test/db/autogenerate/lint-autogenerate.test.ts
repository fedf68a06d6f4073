/**
 * `revision --autogenerate` lints what it writes and says so on stderr,
 * without failing the write; for tables created in the same revision
 * (their indexes, foreign keys, uniques and checks) lint finds nothing, in
 * the generated .ts and .sql revisions alike.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, withoutDatabaseLine } from "../../helpers/cli";
import { backendsUnderTest } from "../../helpers/databases";
import { cli, configure, withProject } from "../guarantees/support";

const entities = (extra: string): string => `import "reflect-metadata";
import { Check, Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn, Unique } from "typeorm";

@Entity("customer")
export class Customer {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: "varchar", length: 80 })
  email!: string;
}

@Entity("orders")
@Unique("uq_orders_number", ["number"])
@Check("ck_orders_amount", '"amount" >= 0')
${extra}
export class Order {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column({ type: "int" })
  number!: number;

  @Column({ type: "int", default: 0 })
  amount!: number;

  @Index("ix_orders_customer")
  @ManyToOne(() => Customer)
  customer!: Customer;

  @Column({ type: "timestamptz", default: () => "now()" })
  placedAt!: Date;
}
`;

describe.each(backendsUnderTest())("lint in revision --autogenerate on $name", (backend) => {
  it("flags nothing for new tables, and prints what it flags on an existing one without failing the write", async () => {
    await withProject(backend, async (dir, db) => {
      const file = join(dir, "entities.ts");
      writeFileSync(file, entities(""));
      configure(dir, [file], db);
      const first = await cli(dir, ["revision", "--autogenerate", "-m", "initial", "--rev-id", "aa0000000001"]);
      expect(withoutDatabaseLine(first.stderr)).toBe("");
      const linted = await runCli(["lint"], dir);
      expect(linted).toEqual({ code: 0, stdout: "0 errors, 0 warnings in 1 revision\n", stderr: "" });

      await cli(dir, ["upgrade", "head"]);
      // a file of its own: a process loads an entity file once
      const changed = join(dir, "entities-v2.ts");
      writeFileSync(changed, entities('@Index("ix_orders_placed", ["placedAt"])'));
      configure(dir, [changed], db);
      const second = await runCli(["--json", "revision", "--autogenerate", "-m", "index placed", "--rev-id", "aa0000000002"], dir);
      expect(second.code, second.stderr).toBe(0);
      const result = JSON.parse(second.stdout) as { revision: { path: string } | null; lint: { code: string; at: { op: number } }[] };
      expect(result.revision?.path).toContain("aa0000000002_index_placed.ts");
      expect(result.lint.map((found) => [found.code, found.at])).toEqual([["M001", { op: 1 }]]);
      // (the other lines: the entity globs no longer match the first file)
      const lintLines = second.stderr.split("\n").filter((line) => line.startsWith("lint: ") || line.startsWith("  fix: "));
      expect(`${lintLines.join("\n")}\n`).toBe(
        'lint: error M001 index-without-concurrently (op 1): index "ix_orders_placed" on "orders" is built without CONCURRENTLY: writes to "orders" wait for the whole build\n' +
          "  fix: build it CONCURRENTLY in a non-transactional revision: `op.createIndex(table, name, keys, { concurrently: true })` with `export const transactional = false` (.sql: `CREATE INDEX CONCURRENTLY` under `-- transactional: false`)\n",
      );
      // and `lint` reads the written file the same way
      const again = JSON.parse((await runCli(["--json", "lint", "aa0000000002"], dir)).stdout) as { revisions: { findings: { code: string }[] }[] };
      expect(again.revisions[0]?.findings.map((found) => found.code)).toEqual(["M001"]);
    });
  });

  it("flags nothing in a generated .sql revision of new tables", async () => {
    await withProject(backend, async (dir, db) => {
      const file = join(dir, "entities.ts");
      writeFileSync(file, entities('@Index("ix_orders_placed", ["placedAt"])'));
      configure(dir, [file], db);
      const written = await cli(dir, ["revision", "--autogenerate", "--sql-file", "-m", "initial", "--rev-id", "aa0000000001"]);
      expect(withoutDatabaseLine(written.stderr)).toBe("");
      expect(await runCli(["lint"], dir)).toEqual({ code: 0, stdout: "0 errors, 0 warnings in 1 revision\n", stderr: "" });
    });
  });
});
