/**
 * swc's CommonJS output exports through getters defined at the top of the
 * module (`get Account() { return Account; }`), while tsc assigns
 * `exports.Account = Account` after the class. In an import cycle (User <->
 * Post in two files, the commonest TypeORM shape) the other module reads the
 * export while this one is still loading: tsc's plain property reads
 * `undefined` (so `design:type` falls back to Object), swc's getter reads the
 * class binding in its temporal dead zone and throws. Which file sorts first
 * would then decide whether a project loads at all.
 *
 * This rewrites swc's two export forms so that a getter read during the dead
 * zone answers `undefined`, as tsc's output does; after the binding is
 * initialised the getter is live as before.
 */

/** The helper swc emits for several exports (swc 1.16): the getters are handed on as they are. */
const HELPER_GETTER = "get: Object.getOwnPropertyDescriptor(all, name).get";
/** A single export: `Object.defineProperty(exports, "X", { enumerable: true, get: function() { return X; } })`. */
const SINGLE_EXPORT = /(Object\.defineProperty\(exports, "[^"]+", \{\s*enumerable: true,\s*get: )(function\(\) \{\s*return [^;{}]+;\s*\})/g;

const GUARD_NAME = "__migrator_tdz_safe";
/** Appended to the module: function declarations are hoisted, so the export preamble can use it. */
const GUARD = `
function ${GUARD_NAME}(get) {
    return function() {
        try {
            return get.call(this);
        } catch (error) {
            if (error instanceof ReferenceError) return undefined;
            throw error;
        }
    };
}
`;

/** swc output with dead-zone-tolerant export getters; other code is returned unchanged. */
export function makeExportsTdzSafe(code: string): string {
  let changed = false;
  let out = code;
  if (out.includes(HELPER_GETTER)) {
    out = out.replace(HELPER_GETTER, `get: ${GUARD_NAME}(Object.getOwnPropertyDescriptor(all, name).get)`);
    changed = true;
  }
  out = out.replace(SINGLE_EXPORT, (_match, head: string, getter: string) => {
    changed = true;
    return `${head}${GUARD_NAME}(${getter})`;
  });
  if (!changed) return out;
  // the guard goes after the code and before an inline source map, which must stay last
  const map = out.lastIndexOf("\n//# sourceMappingURL=");
  return map === -1 ? `${out}${GUARD}` : `${out.slice(0, map)}${GUARD}${out.slice(map)}`;
}
