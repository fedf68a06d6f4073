/**
 * Two spellings of the same built-in types. The catalog (format_type) writes
 * `character varying(20)`, `timestamp(3) with time zone`; people write
 * `varchar(20)`, `timestamptz(3)`. PostgreSQL reads either back to the same
 * type, so a revision may show the short form while the model keeps the long.
 */

/** Catalog base name -> the alias people write; the type modifier goes after the alias. */
const SHORT_NAMES: readonly (readonly [canonical: string, short: string])[] = [
  ["character varying", "varchar"],
  ["character", "char"],
  ["timestamp without time zone", "timestamp"],
  ["timestamp with time zone", "timestamptz"],
  ["time without time zone", "time"],
  ["time with time zone", "timetz"],
];

interface Pieces {
  /** The name without modifier or array brackets, as written: `timestamp with time zone`. */
  readonly name: string;
  /** `(3)` or `(10,2)`, or "". */
  readonly modifier: string;
  /** `[]`, `[][]`, or "". */
  readonly brackets: string;
}

/** Split `timestamp(3) with time zone[]` into name `timestamp with time zone`, `(3)`, `[]`. */
function pieces(type: string): Pieces {
  const trimmed = type.trim();
  const brackets = /(\[\])*$/.exec(trimmed)?.[0] ?? "";
  const rest = trimmed.slice(0, trimmed.length - brackets.length);
  const match = /^([a-z ]+?)\s*(\(\s*\d+(?:\s*,\s*\d+)?\s*\))\s*([a-z ]*)$/.exec(rest);
  if (match === null) return { name: rest, modifier: "", brackets };
  const name = match[3]!.length > 0 ? `${match[1]!} ${match[3]!}` : match[1]!;
  return { name, modifier: match[2]!.replace(/\s+/g, ""), brackets };
}

/**
 * The alias a person writes for a catalog type: `character varying(20)[]` ->
 * `varchar(20)[]`, `timestamp(3) with time zone` -> `timestamptz(3)`. Other
 * types (and `character` without a length, which format_type never prints
 * for a column) come back unchanged.
 */
export function shortTypeName(type: string): string {
  const { name, modifier, brackets } = pieces(type);
  const short = SHORT_NAMES.find(([canonical]) => canonical === name)?.[1];
  if (short === undefined || (short === "char" && modifier === "")) return type;
  return `${short}${modifier}${brackets}`;
}

/** The catalog spelling of a type a person wrote with an alias (the inverse of shortTypeName). */
export function canonicalTypeName(type: string): string {
  const { name, modifier, brackets } = pieces(type);
  const canonical = SHORT_NAMES.find(([, short]) => short === name)?.[0];
  if (canonical === undefined || (name === "char" && modifier === "")) return type;
  // `timestamp(3) with time zone`: the modifier sits after the first word.
  const space = canonical.indexOf(" ");
  const multiWord = canonical.startsWith("time") && space > 0;
  const spelled = multiWord ? `${canonical.slice(0, space)}${modifier}${canonical.slice(space)}` : `${canonical}${modifier}`;
  return `${spelled}${brackets}`;
}
