/**
 * The everyday command line without yargs. yargs takes ~25 ms to load and set
 * up (its help renderer, i18n and string-width come with it), a tenth of a
 * whole `history` run. Its own parser, yargs-parser, configured from the
 * command's recorded syntax (src/cli/command-syntax.ts), reads a well-formed
 * command line the same way (test/unit/cli/fast-path.test.ts compares the two
 * on many command lines).
 *
 * Anything unusual is declined (undefined) and goes to yargs, which either
 * runs it or reports it: --help, an unknown command or option, a missing or
 * extra argument, a value of the wrong type. The CLI's side of it is
 * src/cli/fast-path.ts.
 */
import parser from "yargs-parser";

/** An option as the recorded syntax has it (src/cli/global-options.ts's OptionSpec). */
export interface FastOptionSpec {
  readonly type?: "string" | "boolean" | "number";
  readonly alias?: string | readonly string[];
  readonly default?: unknown;
  readonly array?: boolean;
  readonly demandOption?: boolean | string;
}

export interface FastSyntax {
  readonly name: string;
  readonly options: ReadonlyMap<string, FastOptionSpec>;
  readonly positionals: readonly (FastOptionSpec & { readonly name: string; readonly required: boolean; readonly variadic: boolean })[];
}

/**
 * The command name of a line the fast path may take: no help or `--`, and
 * only global options (with `=` values) before the name; undefined otherwise.
 */
export function fastCommandName(argv: readonly string[], globalOptions: ReadonlyMap<string, FastOptionSpec>): string | undefined {
  if (argv.some((arg) => arg === "--help" || arg === "-h" || arg === "--" || arg.startsWith("--help="))) return undefined;
  const at = argv.findIndex((arg) => !arg.startsWith("-"));
  if (at === -1 || !onlyGlobalOptionsBefore(argv, at, globalOptions)) return undefined;
  return argv[at];
}

/** yargs takes only the global options before the command's name (a value after a flag counts as the flag's). */
function onlyGlobalOptionsBefore(argv: readonly string[], at: number, globalOptions: ReadonlyMap<string, FastOptionSpec>): boolean {
  for (let i = 0; i < at; i++) {
    const flag = /^--(no-)?([\w-]+)(=.*)?$/.exec(argv[i] as string);
    const spec = flag ? globalOptions.get(flag[2] as string) : undefined;
    if (!flag || !spec) return false;
    // `--config history`: the name was the flag's value, so this line is not the simple kind
    if (spec.type !== "boolean" && flag[3] === undefined) return false;
  }
  return true;
}

/** What yargs would hand the command's handler for `argv`, or undefined to leave the line to yargs. */
export function parseWithSyntax(syntax: FastSyntax, argv: readonly string[]): Record<string, unknown> | undefined {
  const alias: Record<string, string[]> = {};
  const byType: Record<"string" | "boolean" | "number", string[]> = { string: [], boolean: [], number: [] };
  const array: string[] = [];
  const defaults: Record<string, unknown> = {};
  const known = new Set<string>(["_", "$0"]);
  for (const [key, spec] of syntax.options) {
    const aliases = spec.alias === undefined ? [] : typeof spec.alias === "string" ? [spec.alias] : [...spec.alias];
    if (aliases.length > 0) alias[key] = aliases;
    if (spec.type) byType[spec.type].push(key);
    if (spec.array) array.push(key);
    if (spec.default !== undefined) defaults[key] = spec.default;
    for (const name of [key, ...aliases]) {
      known.add(name);
      known.add(camelCase(name));
    }
  }
  const parsed = parser.detailed([...argv], {
    alias,
    string: byType.string,
    boolean: byType.boolean,
    number: byType.number,
    array,
    default: defaults,
    configuration: { "parse-positional-numbers": false, "populate--": true },
  });
  if (parsed.error) return undefined;
  const args: Record<string, unknown> = { ...parsed.argv };
  delete args["--"];
  if (Object.keys(args).some((key) => !known.has(key))) return undefined;
  for (const [key, spec] of syntax.options) {
    if (!(key in args)) {
      if (spec.demandOption) return undefined;
      continue;
    }
    const value = args[key];
    if (!fits(value, spec)) return undefined;
  }
  const words = (parsed.argv._ ?? []).map(String);
  if (words[0] !== syntax.name) return undefined;
  const rest = words.slice(1);
  for (const positional of syntax.positionals) {
    const value = positional.variadic ? rest.splice(0) : rest.shift();
    const missing = value === undefined || (Array.isArray(value) && value.length === 0);
    if (missing && positional.required) return undefined;
    const given = missing ? positional.default : value;
    if (given === undefined) continue;
    args[positional.name] = given;
    args[camelCase(positional.name)] = given;
  }
  if (rest.length > 0) return undefined;
  args._ = [syntax.name];
  args.$0 = "migrator";
  return args;
}

/** The value yargs would accept without a complaint or a coercion of its own. */
function fits(value: unknown, spec: FastOptionSpec): boolean {
  if (spec.array) return Array.isArray(value) && value.every((item) => fits(item, { ...spec, array: false }));
  if (Array.isArray(value)) return false;
  switch (spec.type) {
    case "string":
      return typeof value === "string";
    case "boolean":
      return typeof value === "boolean";
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    default:
      return false;
  }
}

function camelCase(name: string): string {
  return name.replace(/-+([^-])/g, (_, c: string) => c.toUpperCase());
}
