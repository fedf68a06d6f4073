/**
 * ES modules have no `__dirname`, so ESM projects declare their own
 * (`const __dirname = dirname(fileURLToPath(import.meta.url))`, which swc
 * turns into CommonJS as it is). In Node's CommonJS wrapper those names are
 * parameters, and a top-level `const` of the same name is a SyntaxError.
 * Such code is wrapped in a block, where the declaration shadows the
 * parameter; the directive stays outside so the module stays strict, and
 * line numbers do not move.
 */
const REDECLARES_WRAPPER_NAME = /^(?:const|let|class)\s+(?:__dirname|__filename|require|module|exports)\b/m;

export function allowWrapperNames(code: string): string {
  if (!REDECLARES_WRAPPER_NAME.test(code)) return code;
  return `"use strict";{${code}\n}`;
}
