/**
 * A rendered file records its ops: running its downgrade rebuilds the
 * reverses it was rendered from, last first, and running its upgrade rebuilds
 * the ops minus the before-state the upgrade leaves out on purpose.
 *
 * Two differences are intended and compared around, never ignored wholesale:
 * - Spelling (modulo `spelling`): types and defaults are written as people
 *   write them (`varchar(20)`, `'x'` for `'x'::character varying`). Both
 *   sides are brought to one spelling (catalog type names, bare literals)
 *   before comparing; test/db/render proves PostgreSQL stores the two
 *   spellings identically.
 * - Before-state in the upgrade (modulo `upgradeView`): what only reverse()
 *   reads is left out of the upgrade (the downgrade is rendered from the ops
 *   in memory, so the file need not carry it). The expected upgrade op is the
 *   original without exactly those fields; everything the SQL needs must
 *   survive. Without them the API cannot always judge data loss (a narrowing
 *   needs the old type), so the upgrade's `destructive` is checked as the
 *   comment in the file instead. The downgrade keeps all of it and is
 *   compared whole, `destructive` included.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diff } from "../../../src/diff";
import { canonicalTypeName } from "../../../src/dialect/postgres/types/spelling";
import type { ColumnModel, TableModel } from "../../../src/model/types";
import { isIrreversible, reverse } from "../../../src/ops/reverse";
import type { AlterColumnOp, EnumUsage, Operation } from "../../../src/ops/types";
import { spellingFor, type Spelling } from "../../../src/render";
import { enumTypeName } from "../../../src/dialect/postgres/types/identifiers";
import { randomModel } from "../diff/random-model";
import { allKindsOps } from "./all-kinds";
import { apiOp } from "./representable";
import { roundTrip } from "./run-rendered";
import { postgres } from "../../../src/dialect";

function reverses(ops: readonly Operation[]): Operation[] {
  return [...ops].reverse().flatMap((op) => {
    const back = reverse(op, postgres.types);
    return isIrreversible(back) ? [] : [back];
  });
}

function withoutLoss(op: Operation): Operation {
  const { destructive: _ignored, ...rest } = op;
  return rest;
}

/** Catalog type names and bare literals, wherever a type or a default sits. */
function spelled(op: Operation, spelling: Spelling): Operation {
  const column = (c: ColumnModel): ColumnModel => {
    const type = canonicalTypeName(c.type);
    return { ...c, type, default: c.default === null ? null : spelling.default(c.default, type) };
  };
  const table = (t: TableModel): TableModel => ({ ...t, columns: t.columns.map(column) });
  const usage = (enumType: string) => (u: EnumUsage): EnumUsage => {
    const type = `${enumType}${u.array ? "[]" : ""}`;
    const fix = (v: string | null): string | null => (v === null ? null : spelling.default(v, type));
    return u.newDefault === undefined ? { ...u, default: fix(u.default) } : { ...u, default: fix(u.default), newDefault: fix(u.newDefault) };
  };
  switch (op.kind) {
    case "createTable":
      return { ...op, table: table(op.table) };
    case "dropTable":
      return op.definition === undefined ? op : { ...op, definition: table(op.definition) };
    case "addColumn":
      return { ...op, column: column(op.column) };
    case "dropColumn":
      return op.definition === undefined ? op : { ...op, definition: column(op.definition) };
    case "alterColumn": {
      const t = op.type === undefined ? undefined : { ...op.type, to: canonicalTypeName(op.type.to), ...(op.type.from === undefined ? {} : { from: canonicalTypeName(op.type.from) }) };
      const fix = (v: string | null | undefined, type: string | undefined): string | null | undefined =>
        v === null || v === undefined || type === undefined ? v : spelling.default(v, type);
      const d = op.default === undefined ? undefined : { to: fix(op.default.to, t?.to) ?? null, ...(op.default.from === undefined ? {} : { from: fix(op.default.from, t?.from) ?? null }) };
      return { ...op, ...(t === undefined ? {} : { type: t }), ...(d === undefined ? {} : { default: d }) };
    }
    case "addEnumValue":
      return op.usages === undefined ? op : { ...op, usages: op.usages.map(usage(enumTypeName(op.enum))) };
    case "recreateEnum":
      return { ...op, usages: op.usages.map(usage(enumTypeName(op.enum))) };
    default:
      return op;
  }
}

/** Drop `key` from a plain object. */
function omit<T extends object>(value: T, ...keys: string[]): T {
  return Object.fromEntries(Object.entries(value).filter(([key]) => !keys.includes(key))) as T;
}

/** The op as the upgrade writes it: before-state only a reverse reads taken out, what the SQL needs kept. */
function upgradeView(op: Operation): Operation {
  switch (op.kind) {
    case "dropColumn":
      return omit(op, "definition", "position");
    case "dropTable":
    case "dropIndex":
    case "dropConstraint":
      return omit(op, "definition");
    case "dropView":
      return omit(op, "definition");
    case "dropEnum":
      return { ...op, enum: { ...op.enum, values: [] } };
    case "addEnumValue":
      return omit(op, "previousValues", "usages");
    case "setTableComment":
    case "setColumnComment":
      return { ...op, comment: { to: op.comment.to } };
    case "alterColumn":
      return alterColumnUpgradeView(op);
    case "deleteTypeormMetadata":
      return { ...op, rows: op.rows.map((row) => omit(row, "value")) };
    default:
      return op;
  }
}

function alterColumnUpgradeView(op: AlterColumnOp): AlterColumnOp {
  const out: Record<string, unknown> = { ...op };
  for (const key of ["nullable", "default", "generated", "collation", "comment"] as const) {
    const change = op[key];
    if (change !== undefined) out[key] = { to: change.to };
  }
  // SET GENERATED (identity stays) differs from ADD GENERATED: the previous kind is kept.
  if (op.identity !== undefined && !(op.identity.to !== null && op.identity.from != null)) out.identity = { to: op.identity.to };
  // A collation-only change names its (unchanged) type through existingType, so from = to stays.
  const t = op.type;
  const typeKept = t !== undefined && t.from === t.to && op.collation !== undefined && t.using === undefined && t.reverseUsing === undefined;
  if (t !== undefined && !typeKept) out.type = omit({ to: t.to, ...(t.using === undefined ? {} : { using: t.using }) });
  return out as unknown as AlterColumnOp;
}

async function expectRecorded(ops: readonly Operation[]): Promise<void> {
  const spelling = spellingFor(ops, postgres.types);
  const same = (list: readonly Operation[]): Operation[] => list.map((op) => spelled(op, spelling));
  const { bodies, upgrade, downgrade } = await roundTrip(ops);
  expect(same(upgrade.map(withoutLoss))).toStrictEqual(same(ops.map((op) => upgradeView(withoutLoss(op)))));
  expect(same(downgrade)).toStrictEqual(same(reverses(ops)));
  for (const op of ops) if (op.destructive !== undefined) expect(bodies.upgrades).toContain(`// destructive: ${op.destructive}`);
}

describe("render -> run -> the same ops", () => {
  it("every kind, hand-built through the API (names that need escaping included)", async () => {
    await expectRecorded(await allKindsOps());
  });

  it("random ops of every reversible kind", async () => {
    await fc.assert(fc.asyncProperty(fc.array(apiOp, { minLength: 1, maxLength: 6 }), expectRecorded), { numRuns: 300 });
  });

  it("what the differ emits between random models", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer(), fc.integer(), async (a, b) => {
        await expectRecorded(diff(randomModel(a), randomModel(b), postgres.types).ops);
      }),
      { numRuns: 150 },
    );
  });

  it("the upgrade carries no before-state a reverse alone needs; the downgrade does", async () => {
    const { bodies } = await roundTrip(await allKindsOps());
    for (const statement of [
      'await op.dropColumn("human", "notes");',
      'await op.dropView("old_view");',
      'await op.addEnumValue("mood", "meh", { before: "sad" });',
      'await op.setTableComment("human", "humans");',
      'await op.dropIndex("human", "IDX_old", { ifExists: true });',
      'await op.dropConstraint("human", "CHK_gone");',
      'await op.dropEnum({ schema: "audit", name: "unused" });',
    ]) {
      expect(bodies.upgrades).toContain(statement);
    }
    for (const key of ["existing:", "existingComment", "existingDefault", "existingNullable", "existingGenerated", "reverseUsing", "existingCollation"]) {
      expect(bodies.upgrades).not.toContain(key);
      expect(bodies.downgrades).toContain(key);
    }
    // What the SQL needs stays: the type a collation-only change restates.
    expect(bodies.upgrades).toContain('await op.alterColumn("human", "email", { existingType: "varchar(255)", collation: null });');
  });

  it("the same ops render byte-identically, whatever order their objects' keys were built in", async () => {
    const ops = await allKindsOps();
    // Rows and parameters are the user's values: their keys keep the order given.
    const shuffled = ops.map((op) =>
      op.kind === "bulkInsert" || op.kind === "execute" ? op : (JSON.parse(JSON.stringify(op, (_key, value: unknown) => reorder(value))) as Operation),
    );
    const first = await roundTrip(ops);
    const second = await roundTrip(shuffled);
    expect(second.bodies).toStrictEqual(first.bodies);
  });
});

/** Plain objects with their keys in reverse order (arrays untouched). */
function reorder(value: unknown): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).reverse());
}
