/**
 * Three spots of TypeORM's EntityMetadataBuilder made cheap for the duration
 * of our build, with results unchanged. Two lookups grow with the square of
 * the entity count:
 *  - MetadataUtils.isInherited(child, parent) (`child.prototype instanceof
 *    parent`), asked for every pair of entities: a parent whose prototype is
 *    in no known class's prototype chain answers false without the
 *    instanceof (exact: `instanceof` looks only at those chains, unless the
 *    class overrides Symbol.hasInstance, which falls back to it);
 *  - computeEntityMetadataStep1 scans all entity metadatas once per column
 *    for single-table children (`tableType === "entity-child"` and the
 *    column's class): it gets only those children, same order, so the scan
 *    finds the same one. Applied only when the method reads the list for
 *    nothing else (checked on its source: another TypeORM version may differ).
 * And EntityMetadata.createPropertiesMap, run three times per entity, deep-
 * merges one `{ propertyName: propertyPath }` object per column and relation
 * (a fifth of the build at 300 entities). Without embeddeds every one of
 * those objects is flat with a string value, so the merge is a plain
 * assignment in the same order; entities with embeddeds keep TypeORM's code.
 *
 * Reaches into TypeORM's private methods: taken only through
 * typeorm-metadata-build.ts, inside the proven version range.
 */
import { dirname, join } from "node:path";

type Patch = () => void;

/** TypeORM's files next to the module object we were given (the user's copy). */
function typeormFile(typeorm: object, file: string): Record<string, unknown> | undefined {
  const entry = Object.values(require.cache).find((m) => m?.exports === typeorm);
  if (!entry) return undefined;
  try {
    return require(join(dirname(entry.filename), file)) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function patchIsInherited(typeorm: object): Patch | undefined {
  const utils = typeormFile(typeorm, "metadata-builder/MetadataUtils.js")?.MetadataUtils as Record<string, unknown> | undefined;
  const original = utils?.isInherited;
  if (!utils || typeof original !== "function") return undefined;
  const defaultHasInstance = Function.prototype[Symbol.hasInstance];
  const known = new WeakSet<object>();
  const inChains = new WeakSet<object>();
  const learn = (target: Function): boolean => {
    if (known.has(target)) return true;
    const prototype: unknown = target.prototype;
    if (typeof prototype !== "object" || prototype === null) return false;
    for (let p = Object.getPrototypeOf(prototype) as object | null; p !== null; p = Object.getPrototypeOf(p) as object | null) inChains.add(p);
    known.add(target);
    return true;
  };
  utils.isInherited = function isInherited(child: unknown, parent: unknown): boolean {
    if (typeof child === "function" && typeof parent === "function" && learn(child) && (parent as { [Symbol.hasInstance]?: unknown })[Symbol.hasInstance] === defaultHasInstance) {
      const prototype: unknown = parent.prototype;
      if (typeof prototype === "object" && prototype !== null && !inChains.has(prototype)) return false;
    }
    return (original as (a: unknown, b: unknown) => boolean).call(this, child, parent);
  };
  return () => {
    utils.isInherited = original;
  };
}

function patchStep1(typeorm: object): Patch | undefined {
  const builder = typeormFile(typeorm, "metadata-builder/EntityMetadataBuilder.js")?.EntityMetadataBuilder as { prototype: Record<string, unknown> } | undefined;
  const original = builder?.prototype.computeEntityMetadataStep1;
  if (!builder || typeof original !== "function") return undefined;
  const source = String(original);
  const uses = source.match(/allEntityMetadatas/g)?.length ?? 0;
  // the parameter and the one scan for single-table children, nothing else
  if (uses !== 2 || !/allEntityMetadatas\.find\(\((\w+)\) => \1\.tableType === "entity-child" &&\s*\1\.target === args\.target\)/.test(source)) return undefined;
  const children = new WeakMap<object[], { length: number; list: object[] }>();
  builder.prototype.computeEntityMetadataStep1 = function computeEntityMetadataStep1(this: unknown, all: unknown, metadata: unknown): unknown {
    let narrowed = all;
    if (Array.isArray(all)) {
      let known = children.get(all);
      if (!known || known.length !== all.length) {
        known = { length: all.length, list: all.filter((m: { tableType?: unknown }) => m.tableType === "entity-child") };
        children.set(all, known);
      }
      narrowed = known.list;
    }
    return (original as (a: unknown, b: unknown) => unknown).call(this, narrowed, metadata);
  };
  return () => {
    builder.prototype.computeEntityMetadataStep1 = original;
  };
}

interface MetadataWithProperties {
  readonly embeddeds: readonly unknown[];
  readonly columns: readonly { readonly propertyName: string; readonly propertyPath: string; readonly embeddedMetadata?: unknown }[];
  readonly relations: readonly { readonly propertyName: string; readonly propertyPath: string; readonly embeddedMetadata?: unknown }[];
}

function patchPropertiesMap(typeorm: object): Patch | undefined {
  const metadata = typeormFile(typeorm, "metadata/EntityMetadata.js")?.EntityMetadata as { prototype: Record<string, unknown> } | undefined;
  const original = metadata?.prototype.createPropertiesMap;
  if (!metadata || typeof original !== "function") return undefined;
  const source = String(original);
  // exactly TypeORM's two merges, so the shortcut computes the same thing
  if (!/this\.columns\.forEach\(\((\w+)\) => [\w.]*mergeDeep\(map, \1\.createValueMap\(\1\.propertyPath\)\)\)/.test(source)) return undefined;
  if (!/this\.relations\.forEach\(\((\w+)\) => [\w.]*mergeDeep\(map, \1\.createValueMap\(\1\.propertyPath\)\)\)/.test(source)) return undefined;
  metadata.prototype.createPropertiesMap = function createPropertiesMap(this: MetadataWithProperties): unknown {
    const nested = this.embeddeds.length > 0 || this.columns.some((c) => c.embeddedMetadata) || this.relations.some((r) => r.embeddedMetadata);
    if (nested) return (original as () => unknown).call(this);
    const map: Record<string, string> = {};
    for (const column of this.columns) if (column.propertyName !== "__proto__") map[column.propertyName] = column.propertyPath;
    for (const relation of this.relations) if (relation.propertyName !== "__proto__") map[relation.propertyName] = relation.propertyPath;
    return map;
  };
  return () => {
    metadata.prototype.createPropertiesMap = original;
  };
}

/** Applies all three (where this TypeORM copy allows) and returns what undoes them. */
export function patchMetadataBuilder(typeorm: object): () => void {
  const undo = [patchIsInherited(typeorm), patchStep1(typeorm), patchPropertiesMap(typeorm)].filter((p): p is Patch => p !== undefined);
  return () => {
    for (const u of undo) u();
  };
}
