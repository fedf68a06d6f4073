/**
 * Loading a TypeScript file whose text the caller has read already (a
 * revision: read once for both its checksum and its code; an entity): with
 * speed-ups on, compiled straight from that text into require's cache
 * (src/speedups/direct-require.ts); off, plain `require` through our hook.
 */
import { createRequire } from "node:module";
import { requireDirectly } from "../speedups/direct-require";
import { speedupsOn } from "../speedups/switch";
import { registerTypeScript } from "./register";
import { transpile } from "./transpile";
import { settingsFor } from "./tsconfig";

/** Files this path handles: TypeScript compiled to CommonJS by our hook (JavaScript goes through require). */
export function isCompiledByUs(file: string): boolean {
  return /\.(c|m)?tsx?$/.test(file);
}

/** `require(file)` for a TypeScript file given its text; `cacheDir` as registerTypeScript takes it. */
export function compileTypeScriptModule(path: string, source: string, cacheDir: string | null): unknown {
  // nested requires (helpers a revision imports) go through the hook
  const cache = registerTypeScript(cacheDir);
  if (!speedupsOn()) return createRequire(path)(path);
  return requireDirectly(path, (file) => transpile(source, file, cache, settingsFor(file).transpile));
}
