/**
 * TypeORM's MetadataArgsStorage answers "the columns (relations, indices,
 * ...) of this class" by scanning every argument of every entity, and the
 * metadata build asks once per entity: time grows with the square of the
 * entity count (about 12 s of CPU at 3000 entities). For the duration of our
 * build its lookups go through an index by target instead. Each replacement
 * hands the original method exactly the items it would have kept (same
 * order), or returns exactly what the original filter/find returns, so the
 * results are the same; the originals are put back afterwards.
 *
 * Reaches into TypeORM's internals (MetadataArgsStorage's methods): taken
 * only through typeorm-metadata-build.ts, inside the proven version range.
 */

interface TargetArgs {
  readonly target?: unknown;
  readonly propertyName?: unknown;
}

type Positions = Map<unknown, number[]>;

/** Per args array: the positions of each target's items, rebuilt when the array has grown. */
const indexes = new WeakMap<readonly TargetArgs[], { length: number; positions: Positions }>();

function positionsOf(array: readonly TargetArgs[]): Positions {
  const known = indexes.get(array);
  if (known && known.length === array.length) return known.positions;
  const positions: Positions = new Map();
  array.forEach((item, i) => {
    const list = positions.get(item.target);
    if (list) list.push(i);
    else positions.set(item.target, [i]);
  });
  indexes.set(array, { length: array.length, positions });
  return positions;
}

/** The items whose target is `target` (===), in array order. */
function ofTarget<T extends TargetArgs>(array: readonly T[], target: unknown): T[] {
  return (positionsOf(array).get(target) ?? []).map((i) => array[i] as T);
}

/** TypeORM's "target or targets" test (`indexOf` for an array, `===` otherwise), in array order. */
function ofTargets<T extends TargetArgs>(array: readonly T[], target: unknown): T[] {
  if (!Array.isArray(target)) return ofTarget(array, target);
  // an entity without parents: its inheritance tree is itself alone
  if (target.length === 1) return ofTarget(array, target[0]);
  const positions = positionsOf(array);
  const found = new Set<number>();
  for (const one of target) for (const i of positions.get(one) ?? []) found.add(i);
  return [...found].sort((a, b) => a - b).map((i) => array[i] as T);
}

type Storage = Record<string, unknown> & Record<"generations" | "trees" | "indices" | "foreignKeys" | "uniques" | "checks" | "exclusions" | "joinTables" | "joinColumns" | "inheritances" | "discriminatorValues", TargetArgs[]>;
type Method = (this: Storage, ...args: unknown[]) => unknown;

/** (array, target) helpers: the original runs over the items it would keep anyway. */
const NARROWED = [
  "filterByTarget",
  "filterByTargetAndWithoutDuplicateProperties",
  "filterByTargetAndWithoutDuplicateRelationProperties",
  "filterByTargetAndWithoutDuplicateEmbeddedProperties",
] as const;

/** Lookups that scan one array themselves, answered from the index. */
const REPLACED: Record<string, (storage: Storage, target: unknown, propertyName?: unknown) => unknown> = {
  filterIndices: (s, t) => ofTargets(s.indices, t),
  filterForeignKeys: (s, t) => ofTargets(s.foreignKeys, t),
  filterUniques: (s, t) => ofTargets(s.uniques, t),
  filterChecks: (s, t) => ofTargets(s.checks, t),
  filterExclusions: (s, t) => ofTargets(s.exclusions, t),
  findGenerated: (s, t, p) => ofTargets(s.generations, t).find((g) => g.propertyName === p),
  findTree: (s, t) => ofTargets(s.trees, t)[0],
  findJoinTable: (s, t, p) => ofTarget(s.joinTables, t).find((j) => j.propertyName === p),
  filterJoinColumns: (s, t, p) => ofTarget(s.joinColumns, t).filter((j) => j.propertyName === p),
  findInheritanceType: (s, t) => ofTarget(s.inheritances, t)[0],
  findDiscriminatorValue: (s, t) => ofTarget(s.discriminatorValues, t)[0],
};

/**
 * Runs `fn` with the lookups of every MetadataArgsStorage (the prototype of
 * `storage`: the global one and those TypeORM makes from EntitySchemas)
 * indexed; restores the originals afterwards, also when `fn` throws.
 */
export async function withIndexedMetadataArgs<T>(storage: object, fn: () => Promise<T>): Promise<T> {
  const prototype = Object.getPrototypeOf(storage) as Record<string, unknown> | null;
  if (prototype === null || typeof prototype.filterByTarget !== "function") return fn();
  const originals = new Map<string, unknown>();
  const replace = (name: string, method: Method): void => {
    if (typeof prototype[name] !== "function" || Object.prototype.hasOwnProperty.call(prototype, name) === false) return;
    originals.set(name, prototype[name]);
    prototype[name] = method;
  };
  for (const name of NARROWED) {
    const original = prototype[name] as Method;
    replace(name, function (this: Storage, array: unknown, target: unknown, ...rest: unknown[]) {
      return original.call(this, Array.isArray(array) ? ofTargets(array as TargetArgs[], target) : array, target, ...rest);
    });
  }
  for (const [name, lookup] of Object.entries(REPLACED)) {
    replace(name, function (this: Storage, target: unknown, propertyName?: unknown) {
      return lookup(this, target, propertyName);
    });
  }
  try {
    return await fn();
  } finally {
    for (const [name, original] of originals) prototype[name] = original;
  }
}
