/**
 * startCompilingEntities (a command starts its entity files compiling
 * before it connects): loadEntities takes the started work over when its
 * globs give the same files (each file compiled once), compiles as before
 * when they do not, and reports a bad glob itself, in its own place.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resolveConfig } from "../../../src/config/load";
import { loadEntities, startCompilingEntities } from "../../../src/loader/entities";
import { useProjectCache } from "../../../src/loader";
import { withTempDir } from "../../helpers/tmp";
import { writeTree } from "./project";

const entity = (name: string): string => `
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
@Entity()
export class ${name} {
  @PrimaryGeneratedColumn() id!: number;
  @Column() label!: string;
}
`;

const names = (entities: readonly (Function | object)[]): string[] => entities.map((e) => (e as { name: string }).name).sort();

describe("entity files compiled from the start of a command", () => {
  it("are compiled once, and load as without the early start", () =>
    withTempDir(async (dir) => {
      writeTree(dir, { "entities/early-a.ts": entity("EarlyA"), "entities/early-b.ts": entity("EarlyB"), "entities/early-c.ts": entity("EarlyC") });
      const config = resolveConfig({ entities: ["entities/*.ts"] }, join(dir, "migrator.config.ts"));
      startCompilingEntities(config);
      // taken over at once, while the early start has not even listed the files: one compile per file, not two
      const loaded = await loadEntities(config);
      expect(names(loaded.entities)).toEqual(["EarlyA", "EarlyB", "EarlyC"]);
      expect(useProjectCache(dir).misses).toBe(3);
    }));

  it("leave loadEntities to compile on its own when the files changed since the start", () =>
    withTempDir(async (dir) => {
      writeTree(dir, { "entities/late-a.ts": entity("LateA") });
      const config = resolveConfig({ entities: ["entities/*.ts"] }, join(dir, "migrator.config.ts"));
      startCompilingEntities(config);
      await new Promise((resolve) => setTimeout(resolve, 50));
      writeFileSync(join(dir, "entities", "late-b.ts"), entity("LateB"));
      const loaded = await loadEntities(config);
      expect(names(loaded.entities)).toEqual(["LateA", "LateB"]);
    }));

  it("say nothing of a glob that matches nothing: loadEntities reports it", () =>
    withTempDir(async (dir) => {
      const config = resolveConfig({ entities: ["missing/*.ts"] }, join(dir, "migrator.config.ts"));
      expect(() => startCompilingEntities(config)).not.toThrow();
      await expect(loadEntities(config)).rejects.toThrow(/no entity files match "missing\/\*\.ts"/);
    }));
});
