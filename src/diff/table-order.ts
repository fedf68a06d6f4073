/**
 * The order in which new tables are created: each after the tables its
 * foreign keys point at, so those keys stay inside its createTable, as a
 * person writes the migration (Alembic sorts the same way). Only the keys
 * of a cycle (a -> b -> a) cannot be inline: they are added once both
 * tables exist. Dropped tables go in the reverse order, so a table's own
 * keys go with it and only a cycle's keys are dropped first.
 */
import { compareNames } from "../model/names";
import { qualifiedKey, type ForeignKeyModel, type TableModel } from "../model/types";

export interface TableOrder {
  /** Creation order: referenced tables first, ties by name. */
  readonly order: readonly TableModel[];
  /** Per table (qualifiedKey), the foreign keys to tables of the set placed after it: a cycle's. */
  readonly late: ReadonlyMap<string, readonly ForeignKeyModel[]>;
}

/** Keys of the set's tables that `table` points at, itself left out. */
function referencedInSet(table: TableModel, inSet: ReadonlySet<string>): Set<string> {
  const own = qualifiedKey(table);
  const keys = new Set<string>();
  for (const fk of table.foreignKeys) {
    const key = qualifiedKey(fk.referencedTable);
    if (key !== own && inSet.has(key)) keys.add(key);
  }
  return keys;
}

/** Kahn's algorithm over the set, ready tables taken by name; a cycle is broken at its first table by name. Linearithmic. */
export function creationOrder(tables: readonly TableModel[]): TableOrder {
  const sorted = [...tables].sort(compareNames);
  const rank = new Map(sorted.map((t, i) => [qualifiedKey(t), i]));
  const inSet = new Set(rank.keys());
  const waitingOn = sorted.map((t) => referencedInSet(t, inSet));
  const dependents = sorted.map((): number[] => []);
  waitingOn.forEach((keys, i) => {
    for (const key of keys) dependents[rank.get(key) as number]?.push(i);
  });
  const remaining = waitingOn.map((keys) => keys.size);
  const placed = new Array<boolean>(sorted.length).fill(false);
  const ready = new MinHeap();
  remaining.forEach((count, i) => {
    if (count === 0) ready.push(i);
  });
  const order: TableModel[] = [];
  const late = new Map<string, ForeignKeyModel[]>();
  let nextByName = 0;
  while (order.length < sorted.length) {
    let i = ready.pop();
    if (i === undefined) {
      // a cycle: its first table by name goes now, its keys to tables still to come are added later
      while (placed[nextByName]) nextByName++;
      i = nextByName;
      const table = sorted[i] as TableModel;
      const own = qualifiedKey(table);
      const pending = table.foreignKeys.filter((fk) => {
        const key = qualifiedKey(fk.referencedTable);
        return key !== own && inSet.has(key) && !placed[rank.get(key) as number];
      });
      late.set(own, pending);
    }
    if (placed[i]) continue;
    placed[i] = true;
    order.push(sorted[i] as TableModel);
    for (const dependent of dependents[i] ?? []) {
      remaining[dependent] = (remaining[dependent] as number) - 1;
      if (remaining[dependent] === 0 && !placed[dependent]) ready.push(dependent);
    }
  }
  return { order, late };
}

/** Smallest index first: the ready tables by name. */
class MinHeap {
  private readonly items: number[] = [];

  push(value: number): void {
    const items = this.items;
    items.push(value);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((items[parent] as number) <= value) break;
      items[i] = items[parent] as number;
      i = parent;
    }
    items[i] = value;
  }

  pop(): number | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || last === undefined) return top;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= items.length) break;
      const right = left + 1;
      const child = right < items.length && (items[right] as number) < (items[left] as number) ? right : left;
      if ((items[child] as number) >= last) break;
      items[i] = items[child] as number;
      i = child;
    }
    items[i] = last;
    return top;
  }
}
