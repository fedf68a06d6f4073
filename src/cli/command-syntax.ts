/**
 * A command's syntax as its builder declares it (options, positionals),
 * read by running the builder against a recorder of option() and
 * positional(): what the fast path parses with, what the dash-value reading
 * and the number check of the yargs path consult.
 */
import type { Argv } from "yargs";
import type { GlobalArgs } from "./context";
import type { CliCommand } from "./define";
import { GLOBAL_OPTIONS, type OptionSpec } from "./global-options";

export interface Positional extends OptionSpec {
  readonly name: string;
  readonly required: boolean;
  readonly variadic: boolean;
}

export interface Syntax {
  readonly name: string;
  /** The command's options, the global ones first. */
  readonly options: ReadonlyMap<string, OptionSpec>;
  readonly positionals: readonly Positional[];
}

/** Spec keys the recorded syntax stands for; any other (choices, coerce, nargs...) and the syntax is not recorded. */
const UNDERSTOOD = new Set(["type", "alias", "default", "array", "demandOption", "describe", "defaultDescription", "global", "hidden"]);

/** The options a command declares (globals included); undefined if its builder uses more of yargs than recorded. */
export function commandOptions(command: CliCommand): ReadonlyMap<string, OptionSpec> | undefined {
  return recordSyntax(command)?.options;
}

export function commandName(command: CliCommand): string | undefined {
  const first = typeof command.command === "string" ? command.command : command.command[0];
  return first?.split(" ")[0];
}

/** Runs the builder against a recorder of option() and positional(); undefined if it asks for more. */
export function recordSyntax(command: CliCommand): Syntax | undefined {
  if (typeof command.command !== "string") return undefined;
  const [name, ...words] = command.command.split(" ");
  const options = new Map(GLOBAL_OPTIONS);
  const positionalSpecs = new Map<string, OptionSpec>();
  const recorder = {
    option(key: string, spec: OptionSpec) {
      options.set(key, spec);
      return recorder;
    },
    positional(key: string, spec: OptionSpec) {
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
