import { describe, expect, it } from "vitest";
import { resolveConfig } from "../../../src/config/load";
import { checkTargetList } from "../../../src/config/targets";
import { validateConfig } from "../../../src/config/validate";
import { ConfigError, UsageError } from "../../../src/errors";
import { globMatcher, listTargets, selectTargets } from "../../../src/fleet/select";
import { configForTarget } from "../../../src/fleet/target-config";
import type { FleetTarget } from "../../../src/fleet/types";

const fleet: FleetTarget[] = ["eu-1", "eu-2", "us-1", "tenant_acme"].map((name) => ({ name, database: { url: `postgres://h/${name}` }, schema: null }));

describe("target selection", () => {
  it("--all takes every target in the config's order; --target globs take the matching ones, still in that order", () => {
    expect(selectTargets(fleet, { all: true }).map((t) => t.name)).toEqual(["eu-1", "eu-2", "us-1", "tenant_acme"]);
    expect(selectTargets(fleet, { patterns: ["us-1", "eu-*"] }).map((t) => t.name)).toEqual(["eu-1", "eu-2", "us-1"]);
    expect(selectTargets(fleet, { patterns: ["??-1"] }).map((t) => t.name)).toEqual(["eu-1", "us-1"]);
  });

  it("a pattern matching no target is a usage error naming it, with the closest name", () => {
    expect(() => selectTargets(fleet, { patterns: ["eu-1", "tenant_acne"] })).toThrow(UsageError);
    expect(() => selectTargets(fleet, { patterns: ["tenant_acne"] })).toThrow(/--target tenant_acne: no target of that name/);
    try {
      selectTargets(fleet, { patterns: ["tenant_acne"] });
    } catch (error) {
      expect((error as UsageError).hint).toBe('did you mean "tenant_acme"?');
    }
  });

  it("globs treat everything but * and ? literally", () => {
    expect(globMatcher("a.b")("a.b")).toBe(true);
    expect(globMatcher("a.b")("axb")).toBe(false);
    expect(globMatcher("(x)+")("(x)+")).toBe(true);
    expect(globMatcher("*")("")).toBe(true);
  });
});

describe("the targets key", () => {
  const file = "migrator.config.ts";
  it("is checked when the config loads, naming the entry and the key", () => {
    const bad: [unknown, RegExp][] = [
      ["postgres://x", /"targets" in migrator.config.ts must be a list/],
      [[{ url: "postgres://x" }], /entry 1: "name" is missing/],
      [[{ name: "a", url: "postgres://x", shema: "t" }], /entry 1: unknown key "shema"/],
      [[{ name: "a" }], /entry 1 \("a"\): give exactly one of "url" and "embedded"/],
      [[{ name: "a", url: "postgres://x", embedded: "db" }], /give exactly one/],
      [[{ name: "a", url: "" }], /entry 1: "url" must be a non-empty string/],
      [[{ name: "a", url: "postgres://x" }, { name: "a", url: "postgres://y" }], /two targets are named "a"/],
      [[{ name: "a", url: "postgres://x", schema: 3 }], /"schema" must be a non-empty string, got number/],
    ];
    for (const [targets, message] of bad) expect(() => validateConfig({ entities: [], targets }, file)).toThrow(message);
    expect(() => validateConfig({ entities: [], targets: [{ name: "a", url: "postgres://x" }], referenceTarget: "b" }, file)).toThrow(/"referenceTarget" in migrator.config.ts names no target: "b"/);
    expect(validateConfig({ entities: [], targets: async () => [], referenceTarget: "later" }, file).referenceTarget).toBe("later");
  });

  it("never shows a URL's password in a message", () => {
    for (const value of ["postgres://u:secret@h/db", ["postgres://u:secret@h/db"]]) {
      let message = "";
      try {
        checkTargetList(value, "targets");
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        message = (error as Error).message;
      }
      expect(message).toMatch(/postgres:\/\/u:\*+@h/);
      expect(message).not.toMatch(/secret/);
    }
  });

  it("a function's list is checked when called, and its failure named", async () => {
    const config = (targets: unknown) => resolveConfig(validateConfig({ entities: [], targets }, "c.ts"), null);
    await expect(listTargets(config(async () => [{ name: "x" }]))).rejects.toThrow(/the list targets\(\) returned, entry 1 \("x"\): give exactly one/);
    await expect(listTargets(config(async () => { throw new Error("tenants table is gone"); }))).rejects.toThrow(/targets\(\) in the config failed: tenants table is gone/);
    const listed = await listTargets(config(() => [{ name: "t", url: "postgres://h/app", schema: "tenant_t" }]));
    expect(listed).toEqual([{ name: "t", database: { url: "postgres://h/app" }, schema: "tenant_t" }]);
    await expect(listTargets(resolveConfig({ entities: [] }, null))).rejects.toThrow(/--all and --target need `targets` in migrator.config.ts/);
  });
});

describe("a target's config", () => {
  it("a database target changes the database only; a tenant also its version schema and the entities' home schema", () => {
    const base = resolveConfig({ entities: [], database: { url: "postgres://h/main" }, versionTable: "versions", targets: [] }, null);
    const db = configForTarget(base, { name: "a", database: { url: "postgres://h/a" }, schema: null });
    expect(db).toEqual({ ...base, targets: undefined, database: { url: "postgres://h/a" } } as typeof db);
    expect("targets" in db).toBe(false);
    const tenant = configForTarget(base, { name: "t", database: { url: "postgres://h/app" }, schema: "tenant_t" });
    expect([tenant.database, tenant.versionSchema, tenant.versionTable, tenant.entityOptions.schema]).toEqual([{ url: "postgres://h/app" }, "tenant_t", "versions", "tenant_t"]);
  });
});
