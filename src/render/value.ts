/**
 * JS values as TypeScript source. Strings are double-quoted JSON strings (one
 * line, every character escaped the way JSON does, so the text survives the
 * template's re-indentation); object keys keep the order they were given and
 * keys whose value is undefined are left out.
 */
import { MigratorError } from "../errors";
import { layout, list, prefixed, text, type Doc, type ListDoc } from "./doc";

/** `it's "x"` -> `"it's \"x\""`. */
export function stringLiteral(value: string): string {
  return JSON.stringify(value);
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** An object key: bare when it is an identifier, quoted otherwise. */
export function propertyKey(key: string): string {
  // A literal `__proto__:` key (quoted or not) sets the prototype; a computed one defines a property.
  if (key === "__proto__") return `[${stringLiteral(key)}]`;
  return IDENTIFIER.test(key) ? key : stringLiteral(key);
}

/** `{ key: value, ... }` from entries, leaving out undefined values. */
export function objectDoc(entries: readonly (readonly [string, Doc | undefined])[], forceBreak = false): ListDoc {
  const items: Doc[] = [];
  for (const [key, doc] of entries) if (doc !== undefined) items.push(prefixed(`${propertyKey(key)}: `, doc));
  return list("{", items, forceBreak);
}

export function stringDoc(value: string): Doc {
  return text(stringLiteral(value));
}

export function stringsDoc(values: readonly string[]): Doc {
  return list("[", values.map(stringDoc));
}

function numberLiteral(value: number): string {
  if (Object.is(value, -0)) return "-0";
  return String(value); // NaN, Infinity and -Infinity are also valid TypeScript.
}

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A value as a document; throws for what has no literal (functions, class instances, cycles). */
export function valueDoc(value: unknown, seen: readonly object[] = []): Doc {
  if (value === null) return text("null");
  if (value === undefined) return text("undefined");
  switch (typeof value) {
    case "string":
      return stringDoc(value);
    case "number":
      return text(numberLiteral(value));
    case "boolean":
      return text(String(value));
    case "bigint":
      return text(`${value}n`);
    case "object":
      break;
    default:
      throw new MigratorError(`cannot write a ${typeof value} as a literal in a revision file`);
  }
  if (seen.includes(value)) throw new MigratorError("cannot write a value that contains itself in a revision file");
  const inner = [...seen, value];
  if (Array.isArray(value)) return list("[", Array.from(value, (item: unknown) => valueDoc(item, inner)));
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new MigratorError("cannot write an invalid Date in a revision file");
    return text(`new Date(${stringLiteral(value.toISOString())})`);
  }
  if (value instanceof Uint8Array && Object.getPrototypeOf(value) === Uint8Array.prototype) {
    return text(`new Uint8Array([${Array.from(value).join(", ")}])`);
  }
  if (!isPlainObject(value)) {
    throw new MigratorError(`cannot write a ${value.constructor?.name ?? "object"} instance as a literal in a revision file`);
  }
  return objectDoc(Object.entries(value).map(([key, item]): [string, Doc | undefined] => [key, item === undefined ? undefined : valueDoc(item, inner)]));
}

/** A value as TypeScript source, wrapped to the line width like the rest of the file. */
export function renderValue(value: unknown, indent = 0): string {
  return layout(valueDoc(value), indent);
}
