/**
 * What a loaded file's nearest tsconfig.json (with its `extends`) decides:
 * `paths`/`baseUrl` for resolving imports, and the decorator settings its
 * output is compiled with, as tsc or ts-node would for that file.
 */
import { dirname } from "node:path";
import { createPathsMatcher, getTsconfig, type TsConfigResult } from "get-tsconfig";
import { DEFAULT_SETTINGS, type TranspileSettings } from "./transpile";

export interface ProjectSettings {
  /** The tsconfig.json that applies, or null when there is none up the tree. */
  readonly tsconfig: string | null;
  readonly transpile: TranspileSettings;
  /** Candidate paths for a bare specifier under `paths`/`baseUrl`; null when neither is set. */
  readonly matchPaths: ((specifier: string) => string[]) | null;
}

const NONE: ProjectSettings = { tsconfig: null, transpile: DEFAULT_SETTINGS, matchPaths: null };

const byDirectory = new Map<string, ProjectSettings>();
const byTsconfig = new Map<string, ProjectSettings>();
/** get-tsconfig's own cache of files read and parsed. */
const reads = new Map<string, unknown>();
const warnings: string[] = [];
const warned = new Set<string>();

/** The settings for a file (cached per folder and per tsconfig.json). */
export function settingsFor(file: string): ProjectSettings {
  const dir = dirname(file);
  const known = byDirectory.get(dir);
  if (known) return known;
  let found: TsConfigResult | null = null;
  try {
    found = getTsconfig(dir, "tsconfig.json", reads);
  } catch (error) {
    warnOnce(`tsconfig:${dir}`, `cannot read the tsconfig.json above ${dir}: ${error instanceof Error ? error.message : String(error)}; using migrator's defaults`);
  }
  const settings = found ? fromTsconfig(found) : NONE;
  byDirectory.set(dir, settings);
  return settings;
}

function fromTsconfig(found: TsConfigResult): ProjectSettings {
  const known = byTsconfig.get(found.path);
  if (known) return known;
  const options = found.config.compilerOptions ?? {};
  const decoratorMetadata = options.emitDecoratorMetadata === true;
  if (!decoratorMetadata) {
    warnOnce(
      found.path,
      `${found.path} does not set "emitDecoratorMetadata": like tsc, migrator then emits no design:type for the files under it, so TypeORM cannot infer a column's type from its TypeScript type (columns without an explicit type fail); set it to true, as TypeORM's setup asks`,
    );
  } else if (options.experimentalDecorators !== true) {
    warnOnce(found.path, `${found.path} does not set "experimentalDecorators": TypeORM's decorators need it; migrator compiles them as legacy decorators anyway`);
  }
  const settings: ProjectSettings = {
    tsconfig: found.path,
    transpile: { decoratorMetadata },
    matchPaths: options.paths || options.baseUrl ? createPathsMatcher(found) : null,
  };
  byTsconfig.set(found.path, settings);
  return settings;
}

function warnOnce(key: string, text: string): void {
  if (warned.has(key)) return;
  warned.add(key);
  warnings.push(text);
}

/** Warnings about tsconfig files gathered since the last call (each said once per process). */
export function takeTsconfigWarnings(): string[] {
  return warnings.splice(0, warnings.length);
}
