/**
 * The column properties `alterColumn` changes, as one typed table (Alembic's
 * per-property comparison, as data rather than a registry). A new property
 * is a field of ColumnModel, a line in ColumnChangeTypes and an entry here;
 * the compiler then names every place still missing, each an exhaustive
 * record over ColumnProperty: how the revision writes it
 * (render/alter-column.ts) and how each dialect turns it into SQL
 * (dialect/postgres/alter-column.ts). `describe` and the op API's options
 * follow from the table by themselves.
 */
import { columnCharset, columnOnUpdate, generatedStorage, type ColumnModel, type GeneratedStorage } from "../model/types";
import type { AlterColumnOptions } from "./specs";

/** A before/after pair; `from` is optional for hand-written ops (then the change is not reversible). */
export interface Change<T> {
  readonly from?: T;
  readonly to: T;
}

/** A type change, with the USING conversion each way when there is no assignment cast. */
export interface TypeChange extends Change<string> {
  readonly using?: string;
  readonly reverseUsing?: string;
}

/** Each property's change as an alterColumn op carries it. */
export interface ColumnChangeTypes {
  readonly type: TypeChange;
  readonly nullable: Change<ColumnModel["nullable"]>;
  readonly default: Change<ColumnModel["default"]>;
  readonly identity: Change<ColumnModel["identity"]>;
  readonly generated: Change<ColumnModel["generated"]>;
  /** MySQL only: VIRTUAL <-> STORED (null: not generated). */
  readonly generatedStorage: Change<GeneratedStorage | null>;
  /** MySQL only: the column's own character set (null: the table's). */
  readonly charset: Change<string | null>;
  readonly collation: Change<ColumnModel["collation"]>;
  /** MySQL only: the ON UPDATE expression. */
  readonly onUpdate: Change<string | null>;
  readonly comment: Change<ColumnModel["comment"]>;
}

export type ColumnProperty = keyof ColumnChangeTypes;

/** The changes of one alterColumn: each property it changes. */
export type ColumnChanges = { readonly [K in ColumnProperty]?: ColumnChangeTypes[K] };

export interface ColumnPropertyRule<K extends ColumnProperty> {
  /** The differ's comparison: the change from `before` to `after`, or undefined when they agree. */
  readonly compare: (before: ColumnModel, after: ColumnModel) => ColumnChangeTypes[K] | undefined;
  /** How the differ writes a change: inside alterColumn, or as an op of its own (a comment's setColumnComment). */
  readonly differAs: "alterColumn" | "setColumnComment";
  /** The change the other way; undefined when the op does not record the value it replaces. */
  readonly reverse: (change: ColumnChangeTypes[K]) => ColumnChangeTypes[K] | undefined;
  /** The change the op API's options ask for (the new value, and the `existing*` value it replaces). */
  readonly fromOptions: (options: AlterColumnOptions) => ColumnChangeTypes[K] | undefined;
  /** PostgreSQL and others refuse the change while a view uses the column: the differ recreates views over it. */
  readonly shakesViews: boolean;
}

function changeOf<T>(from: T, to: T): Change<T> | undefined {
  return from === to ? undefined : { from, to };
}

function swap<T>(change: Change<T>): Change<T> | undefined {
  return change.from === undefined ? undefined : { from: change.to, to: change.from };
}

function requested<T>(to: T | undefined, from: T | undefined): Change<T> | undefined {
  if (to === undefined) return undefined;
  return from === undefined ? { to } : { from, to };
}

function reverseType(change: TypeChange): TypeChange | undefined {
  if (change.from === undefined) return undefined;
  return {
    from: change.to,
    to: change.from,
    ...(change.reverseUsing === undefined ? {} : { using: change.reverseUsing }),
    ...(change.using === undefined ? {} : { reverseUsing: change.using }),
  };
}

function typeFromOptions(options: AlterColumnOptions): TypeChange | undefined {
  // A collation change is written as TYPE x COLLATE c, so it needs the type even when the type stays.
  const to = options.type ?? (options.collation !== undefined ? options.existingType : undefined);
  const change = requested(to, options.existingType);
  if (change === undefined) return undefined;
  return {
    ...change,
    ...(options.using === undefined ? {} : { using: options.using }),
    ...(options.reverseUsing === undefined ? {} : { reverseUsing: options.reverseUsing }),
  };
}

/** In the order `describe` lists them, revisions write them and reverse() names what is missing. */
export const COLUMN_PROPERTIES: { readonly [K in ColumnProperty]: ColumnPropertyRule<K> } = {
  type: {
    compare: (a, b) => changeOf(a.type, b.type),
    differAs: "alterColumn",
    reverse: reverseType,
    fromOptions: typeFromOptions,
    shakesViews: true,
  },
  nullable: {
    compare: (a, b) => changeOf(a.nullable, b.nullable),
    differAs: "alterColumn",
    reverse: swap,
    fromOptions: (o) => requested(o.nullable, o.existingNullable),
    shakesViews: false,
  },
  default: {
    compare: (a, b) => changeOf(a.default, b.default),
    differAs: "alterColumn",
    reverse: swap,
    fromOptions: (o) => requested(o.default, o.existingDefault),
    shakesViews: false,
  },
  identity: {
    compare: (a, b) => changeOf(a.identity, b.identity),
    differAs: "alterColumn",
    reverse: swap,
    fromOptions: (o) => requested(o.identity, o.existingIdentity),
    shakesViews: false,
  },
  generated: {
    compare: (a, b) => changeOf(a.generated, b.generated),
    differAs: "alterColumn",
    reverse: swap,
    fromOptions: (o) => requested(o.generated, o.existingGenerated),
    shakesViews: true,
  },
  generatedStorage: {
    compare: (a, b) => changeOf(generatedStorage(a), generatedStorage(b)),
    differAs: "alterColumn",
    reverse: swap,
    fromOptions: (o) => requested(o.generatedStorage, o.existingGeneratedStorage),
    shakesViews: true,
  },
  charset: {
    compare: (a, b) => changeOf(columnCharset(a), columnCharset(b)),
    differAs: "alterColumn",
    reverse: swap,
    fromOptions: (o) => requested(o.charset, o.existingCharset),
    shakesViews: true,
  },
  collation: {
    compare: (a, b) => changeOf(a.collation, b.collation),
    differAs: "alterColumn",
    reverse: swap,
    fromOptions: (o) => requested(o.collation, o.existingCollation),
    shakesViews: true,
  },
  onUpdate: {
    compare: (a, b) => changeOf(columnOnUpdate(a), columnOnUpdate(b)),
    differAs: "alterColumn",
    reverse: swap,
    fromOptions: (o) => requested(o.onUpdate, o.existingOnUpdate),
    shakesViews: false,
  },
  comment: {
    compare: (a, b) => changeOf(a.comment, b.comment),
    differAs: "setColumnComment",
    reverse: swap,
    fromOptions: (o) => requested(o.comment, o.existingComment),
    shakesViews: false,
  },
};

// The table's own keys: its type admits no other, so the cast only restores what Object.keys forgets.
export const COLUMN_PROPERTY_KEYS = Object.freeze(Object.keys(COLUMN_PROPERTIES) as ColumnProperty[]);

type MutableColumnChanges = { -readonly [K in ColumnProperty]?: ColumnChangeTypes[K] };

/** Builds a ColumnChanges one property at a time, leaving out properties without a change. */
export class ColumnChangesBuilder {
  private readonly changes: MutableColumnChanges = {};

  set<K extends ColumnProperty>(key: K, change: ColumnChangeTypes[K] | undefined): this {
    if (change !== undefined) this.changes[key] = change;
    return this;
  }

  get empty(): boolean {
    return Object.keys(this.changes).length === 0;
  }

  build(): ColumnChanges {
    return this.changes;
  }
}

/** One property's change the other way (see ColumnPropertyRule.reverse). */
export function reverseChange<K extends ColumnProperty>(key: K, change: ColumnChangeTypes[K]): ColumnChangeTypes[K] | undefined {
  const rule: ColumnPropertyRule<K> = COLUMN_PROPERTIES[key];
  return rule.reverse(change);
}
