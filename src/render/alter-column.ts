/**
 * alterColumn's options as a revision writes them: per column property (one
 * record entry each, so a new property in ops/column-properties.ts does not
 * compile until it says how it is written) its new value and, next to it,
 * the value it replaces (`existing*`, with the before-state): they make the
 * change reversible and show the reviewer what it was. Two are written in
 * every style because the SQL needs them: the type of a collation-only change
 * (`TYPE ... COLLATE` names it; the API takes it from `existingType`) and the
 * previous identity when it stays an identity (SET GENERATED rather than ADD
 * GENERATED).
 */
import { COLUMN_PROPERTY_KEYS, type ColumnProperty } from "../ops/column-properties";
import type { AlterColumnOp } from "../ops/types";
import { text, type Doc } from "./doc";
import { changed, nullableDoc, type Entries, type RenderStyle } from "./entries";
import { stringDoc } from "./value";

/** What every property's entries may need to know about the op and the style. */
interface Writing {
  readonly op: AlterColumnOp;
  /** Before-state: written only in the style that keeps it, or when `needed` (by the SQL). */
  readonly before: <T>(value: T | undefined, doc: (value: T) => Doc, needed?: boolean) => Doc | undefined;
  readonly typeDoc: (type: string) => Doc;
  /** A default, spelled for the column type it applies to (undefined: unknown). */
  readonly defaultDoc: (type: string | undefined) => (value: string | null) => Doc;
  /** The column's type when the op leaves it unchanged and every model agrees on it. */
  readonly unchangedType: string | undefined;
}

const booleanDoc = (value: boolean): Doc => text(String(value));

/** The plain form: the new value, then the replaced one as before-state. */
function plain(key: "nullable" | "identity" | "generated" | "generatedStorage" | "charset" | "collation" | "onUpdate" | "comment", existing: string) {
  return ({ op, before }: Writing): Entries => {
    const change = op[key];
    const doc = (value: string | boolean | null): Doc => (typeof value === "boolean" ? booleanDoc(value) : nullableDoc(value));
    return [
      [key, changed(change?.to, doc)],
      [existing, before(change?.from, doc)],
    ];
  };
}

const WRITE: { readonly [K in ColumnProperty]: (writing: Writing) => Entries } = {
  type: ({ op, before, typeDoc, unchangedType }) => {
    const t = op.type;
    const typeKept = t !== undefined && t.from === t.to && op.collation !== undefined && t.using === undefined && t.reverseUsing === undefined;
    // The differ leaves the type out of a collation-only change; the SQL needs it, and the models know it.
    const collationType = t === undefined && op.collation !== undefined ? unchangedType : undefined;
    return [
      ["type", t === undefined || typeKept ? undefined : typeDoc(t.to)],
      ["existingType", before(t?.from ?? collationType, typeDoc, typeKept || collationType !== undefined)],
      ["using", changed(t?.using, stringDoc)],
      ["reverseUsing", before(t?.reverseUsing, stringDoc)],
    ];
  },
  nullable: plain("nullable", "existingNullable"),
  default: ({ op, before, defaultDoc, unchangedType }) => [
    ["default", changed(op.default?.to, defaultDoc(op.type?.to ?? unchangedType))],
    ["existingDefault", before(op.default?.from, defaultDoc(op.type?.from ?? unchangedType))],
  ],
  identity: ({ op, before }) => {
    const identity = op.identity;
    const stays = identity !== undefined && identity.to !== null && identity.from !== undefined && identity.from !== null;
    return [
      ["identity", changed(identity?.to, nullableDoc)],
      ["existingIdentity", before(identity?.from, nullableDoc, stays)],
    ];
  },
  generated: plain("generated", "existingGenerated"),
  generatedStorage: plain("generatedStorage", "existingGeneratedStorage"),
  charset: plain("charset", "existingCharset"),
  collation: plain("collation", "existingCollation"),
  onUpdate: plain("onUpdate", "existingOnUpdate"),
  comment: plain("comment", "existingComment"),
};

/** alterColumn's options, property by property in the table's order. */
export function alterColumnEntries(op: AlterColumnOp, style: RenderStyle): Entries {
  const { spelling } = style;
  const writing: Writing = {
    op,
    before: (value, doc, needed = false) => (style.beforeState || needed ? changed(value, doc) : undefined),
    typeDoc: (type) => stringDoc(spelling.type(type)),
    defaultDoc: (type) => (value) => (value === null ? text("null") : stringDoc(spelling.default(value, type))),
    // A default is spelled for the type the column has when it applies.
    unchangedType: op.type === undefined ? spelling.columnType(op.table, op.column) : undefined,
  };
  return COLUMN_PROPERTY_KEYS.flatMap((key) => WRITE[key](writing));
}
