/**
 * The everyday command line without yargs. yargs takes ~25 ms to load and set
 * up (its help renderer, i18n and string-width come with it), a tenth of a
 * whole `history` run. Its own parser, yargs-parser, configured from the same
 * command builders, reads a well-formed command line the same way
 * (test/unit/cli/fast-path.test.ts compares the two on many command lines).
 *
 * Anything unusual returns undefined and goes to yargs, which either runs it
 * or reports it: --help, an unknown command or option, a missing or extra
 * argument, a value of the wrong type, or a builder using more of yargs than
 * the few calls recorded here. A number option with a value that is not a
 * number throws the UsageError both paths give (numbers.ts).
 */
import type { ArgumentsCamelCase, Argv } from "yargs";
import parser from "yargs-parser";
import type { GlobalArgs } from "./context";
import type { CliCommand } from "./define";
import { checkNumberOptions } from "./numbers";

interface ArgSpec {
  readonly type?: "string" | "boolean" | "number";
  readonly alias?: string | readonly string[];
  readonly default?: unknown;
  readonly array?: boolean;
  readonly demandOption?: boolean | string;
}

/** Spec keys the fast path understands; any other (choices, coerce, nargs...) sends the line to yargs. */
const UNDERSTOOD = new Set(["type", "alias", "default", "array", "demandOption", "describe", "defaultDescription", "global"]);

/** The options every command takes (main.ts declares the same to yargs). */
export const GLOBAL_OPTIONS: ReadonlyMap<string, ArgSpec> = new Map<string, ArgSpec>([
  ["config", { type: "string" }],
  ["url", { type: "string" }],
  ["data-source", { type: "string", alias: "d" }],
  ["json", { type: "boolean" }],
  ["debug", { type: "boolean" }],
]);

interface Positional extends ArgSpec {
  readonly name: string;
  readonly required: boolean;
  readonly variadic: boolean;
}

interface Syntax {
  readonly name: string;
  readonly options: ReadonlyMap<string, ArgSpec>;
  readonly positionals: readonly Positional[];
}

export interface FastParse {
  readonly command: CliCommand;
  /** What yargs would hand the command's handler. */
  readonly args: ArgumentsCamelCase<GlobalArgs>;
}

export function parseFast(argv: readonly string[], commands: readonly CliCommand[]): FastParse | undefined {
  if (argv.some((arg) => arg === "--help" || arg === "-h" || arg === "--" || arg.startsWith("--help="))) return undefined;
  const at = argv.findIndex((arg) => !arg.startsWith("-"));
  const name = argv[at];
  const command = commands.find((c) => commandName(c) === name);
  if (!command || !onlyGlobalOptionsBefore(argv, at)) return undefined;
  const syntax = recordSyntax(command);
  if (!syntax) return undefined;
  // a usage error either way: said here, without loading yargs to say it
  checkNumberOptions(argv, syntax.options);
  return parseWith(syntax, command, argv);
}

/** The options a command declares (globals included), as the fast path reads its builder; undefined if it cannot. */
export function commandOptions(command: CliCommand): ReadonlyMap<string, ArgSpec> | undefined {
  return recordSyntax(command)?.options;
}

/** yargs takes only the global options before the command's name (a value after a flag counts as the flag's). */
function onlyGlobalOptionsBefore(argv: readonly string[], at: number): boolean {
  for (let i = 0; i < at; i++) {
    const flag = /^--(no-)?([\w-]+)(=.*)?$/.exec(argv[i] as string);
    const spec = flag ? GLOBAL_OPTIONS.get(flag[2] as string) : undefined;
    if (!flag || !spec) return false;
    // `--config history`: the name was the flag's value, so this line is not the simple kind
    if (spec.type !== "boolean" && flag[3] === undefined) return false;
  }
  return true;
}

function commandName(command: CliCommand): string | undefined {
  const first = typeof command.command === "string" ? command.command : command.command[0];
  return first?.split(" ")[0];
}

/** Runs the builder against a recorder of option() and positional(); undefined if it asks for more. */
function recordSyntax(command: CliCommand): Syntax | undefined {
  if (typeof command.command !== "string") return undefined;
  const [name, ...words] = command.command.split(" ");
  const options = new Map(GLOBAL_OPTIONS);
  const positionalSpecs = new Map<string, ArgSpec>();
  const recorder = {
    option(key: string, spec: ArgSpec) {
      options.set(key, spec);
      return recorder;
    },
    positional(key: string, spec: ArgSpec) {
      positionalSpecs.set(key, spec);
      return recorder;
    },
  };
  try {
    command.builder(recorder as unknown as Argv<GlobalArgs>);
  } catch {
    return undefined;
  }
  const positionals: Positional[] = [];
  for (const word of words) {
    const match = /^([<[])([\w-]+)(\.\.)?[>\]]$/.exec(word);
    if (!match) return undefined;
    const key = match[2] as string;
    positionals.push({ type: "string", ...positionalSpecs.get(key), name: key, required: match[1] === "<", variadic: match[3] !== undefined });
  }
  const specs = [...options.values(), ...positionalSpecs.values()];
  if (specs.some((spec) => Object.keys(spec).some((key) => !UNDERSTOOD.has(key)))) return undefined;
  return name ? { name, options, positionals } : undefined;
}

function parseWith(syntax: Syntax, command: CliCommand, argv: readonly string[]): FastParse | undefined {
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
  return { command, args: args as FastParse["args"] };
}

/** The value yargs would accept without a complaint or a coercion of its own. */
function fits(value: unknown, spec: ArgSpec): boolean {
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
