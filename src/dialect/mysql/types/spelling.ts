/**
 * MySQL's type spellings. information_schema.COLUMNS.COLUMN_TYPE (the
 * catalog's spelling, which the model keeps) is lower case:
 * `int(11) unsigned zerofill`, `varchar(255)`, `decimal(10,2)`,
 * `enum('a','b')`, `datetime(6)`. MySQL 8.0.19+ leaves out integer display
 * widths (`int`) except `tinyint(1)` and zerofill; MariaDB prints them. People
 * also write aliases (`integer`, `boolean`, `numeric`, `character varying`),
 * which the server stores under the catalog name.
 */

/** Alias -> the catalog's base name (and the arguments the alias implies). */
const ALIASES: Readonly<Record<string, { readonly base: string; readonly args?: string }>> = {
  integer: { base: "int" },
  int4: { base: "int" },
  int8: { base: "bigint" },
  int2: { base: "smallint" },
  int1: { base: "tinyint" },
  int3: { base: "mediumint" },
  middleint: { base: "mediumint" },
  bool: { base: "tinyint", args: "(1)" },
  boolean: { base: "tinyint", args: "(1)" },
  numeric: { base: "decimal" },
  dec: { base: "decimal" },
  fixed: { base: "decimal" },
  "double precision": { base: "double" },
  real: { base: "double" },
  float8: { base: "double" },
  float4: { base: "float" },
  "character varying": { base: "varchar" },
  "char varying": { base: "varchar" },
  character: { base: "char" },
  "long varchar": { base: "mediumtext" },
  long: { base: "mediumtext" },
  "long varbinary": { base: "mediumblob" },
  "national varchar": { base: "varchar" },
  nvarchar: { base: "varchar" },
  "national char": { base: "char" },
  nchar: { base: "char" },
};

/** The display width MariaDB (and MySQL before 8.0.19) prints for an integer type left without one. */
const DEFAULT_WIDTH: Readonly<Record<string, readonly [signed: number, unsigned: number]>> = {
  tinyint: [4, 3],
  smallint: [6, 5],
  mediumint: [9, 8],
  int: [11, 10],
  bigint: [20, 20],
};

/** A column type taken apart: base name, the parenthesised part as written, and the attributes after it. */
export interface TypePieces {
  /** Lower case, aliases resolved: `int`, `varchar`, `enum`. */
  readonly base: string;
  /** `(11)`, `(10,2)`, `('a','b')`, or "" (spaces inside numbers removed). */
  readonly args: string;
  readonly unsigned: boolean;
  readonly zerofill: boolean;
  /** Anything else after the arguments, as written (`character set latin1`...). */
  readonly rest: string;
}

/** `INT(10) UNSIGNED ZEROFILL` -> base `int`, args `(10)`, unsigned, zerofill. */
export function typePieces(type: string): TypePieces {
  const text = type.trim();
  const open = text.indexOf("(");
  const head = (open < 0 ? text : text.slice(0, open)).trim().toLowerCase().replace(/\s+/g, " ");
  let args = "";
  let tail = "";
  if (open >= 0) {
    const close = closingParen(text, open);
    args = text.slice(open, close + 1);
    tail = text.slice(close + 1);
  }
  // `int unsigned`, `double precision` (no parentheses): the name is the first word or two, attributes follow
  const words = (open < 0 ? text : tail).trim().split(/\s+/).filter((w) => w.length > 0);
  let name = head;
  if (open < 0) {
    const two = words.slice(0, 2).join(" ").toLowerCase();
    const size = ALIASES[two] !== undefined ? 2 : 1;
    name = words.slice(0, size).join(" ").toLowerCase();
    words.splice(0, size);
  }
  const lower = words.map((w) => w.toLowerCase());
  const unsigned = lower.includes("unsigned") || lower.includes("zerofill");
  const zerofill = lower.includes("zerofill");
  const restText = words.filter((w) => !["unsigned", "zerofill", "signed"].includes(w.toLowerCase())).join(" ");
  const alias = ALIASES[name];
  if (alias !== undefined) {
    name = alias.base;
    if (args === "" && alias.args !== undefined) args = alias.args;
  }
  if (!args.includes("'")) args = args.replace(/\s+/g, "");
  return { base: name, args, unsigned, zerofill, rest: restText };
}

/** Index of the `)` closing the `(` at `open`, skipping quoted values (`enum('a)','b')`). */
function closingParen(text: string, open: number): number {
  let i = open + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === "'") {
      i += 1;
      while (i < text.length && !(text[i] === "'" && text[i + 1] !== "'")) i += text[i] === "'" ? 2 : 1;
    } else if (c === ")") return i;
    i += 1;
  }
  return text.length - 1;
}

function spell(p: TypePieces, args: string): string {
  const attributes = [p.unsigned && !p.zerofill ? "unsigned" : "", p.zerofill ? "unsigned zerofill" : "", p.rest].filter((s) => s.length > 0);
  return [`${p.base}${args}`, ...attributes].join(" ");
}

/** The catalog's spelling of a type written with an alias or in upper case: `INTEGER UNSIGNED` -> `int unsigned`, `boolean` -> `tinyint(1)`. */
export function canonicalTypeName(type: string): string {
  const p = typePieces(type);
  return spell(p, p.args);
}

/** The short spelling people write: MariaDB's default integer display widths left out (`int(11)` -> `int`); others unchanged. */
export function shortTypeName(type: string): string {
  const p = typePieces(type);
  const widths = DEFAULT_WIDTH[p.base];
  if (widths !== undefined && !p.zerofill && p.args === `(${p.unsigned ? widths[1] : widths[0]})`) return spell(p, "");
  return spell(p, p.args);
}

/** The values of an `enum(...)` or `set(...)` type, unquoted; undefined for other types. */
export function enumValues(type: string): string[] | undefined {
  const p = typePieces(type);
  if (p.base !== "enum" && p.base !== "set") return undefined;
  const values: string[] = [];
  const inner = p.args.slice(1, -1);
  const literal = /'((?:[^'\\]|''|\\.)*)'/g;
  for (const m of inner.matchAll(literal)) {
    values.push(m[1]!.replace(/''/g, "'").replace(/\\(.)/g, "$1"));
  }
  return values;
}
