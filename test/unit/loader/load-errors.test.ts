/**
 * A load failure names the file where it happened (not the entity file that
 * started the chain), the import that did not resolve, the chain of imports
 * that led there, and for a syntax error its line and column.
 */
import { describe, expect, it } from "vitest";
import { EntityError } from "../../../src/errors";
import { withTempDir } from "../../helpers/tmp";
import { DECORATOR_TSCONFIG, load, writeTree } from "./project";

async function failure(dir: string, entities: string[]): Promise<EntityError> {
  const error = await load(dir, entities).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(EntityError);
  return error as EntityError;
}

describe("load errors", () => {
  it("an import that does not resolve names its file, the specifier and the chain", async () => {
    await withTempDir(async (dir) => {
      writeTree(dir, {
        "tsconfig.json": DECORATOR_TSCONFIG,
        "src/models/ClipNote.ts": `import { Note } from "./Note";\nexport class ClipNote extends Note {}\n`,
        "src/models/Note.ts": `import { shared } from "./shared/Missing";\nexport class Note { shared = shared }\n`,
      });
      const error = await failure(dir, ["src/models/ClipNote.ts"]);
      expect(error.message).toBe(
        'cannot load entity file src/models/ClipNote.ts: cannot resolve "./shared/Missing" imported by src/models/Note.ts (imported by src/models/ClipNote.ts)',
      );
      expect(error.hint).toMatch(/path/);
    });
  });

  it("a syntax error gives file, line and column, in an imported file too", async () => {
    await withTempDir(async (dir) => {
      writeTree(dir, {
        "entities/broken.ts": `import { Entity } from "typeorm";\n\n@Entity()\nexport class Broken {\n  x: number = ;\n}\n`,
        "entities/user.ts": `import { Broken } from "./broken";\nexport class User { b = Broken }\n`,
      });
      expect((await failure(dir, ["entities/broken.ts"])).message).toBe("syntax error in entity file entities/broken.ts:5:15: Expression expected");
      expect((await failure(dir, ["entities/user.ts"])).message).toBe(
        "cannot load entity file entities/user.ts: syntax error in entities/broken.ts:5:15: Expression expected (imported by entities/user.ts)",
      );
    });
  });

  it("an exception while an imported file runs names that file", async () => {
    await withTempDir(async (dir) => {
      writeTree(dir, {
        "entities/a.ts": `import "./b";\nexport class A {}\n`,
        "entities/b.ts": `import "./c";\n`,
        "entities/c.ts": `throw new Error("config value FEATURE_X is missing");\n`,
      });
      expect((await failure(dir, ["entities/a.ts"])).message).toBe(
        "cannot load entity file entities/a.ts: entities/c.ts: config value FEATURE_X is missing (imported by entities/a.ts → entities/b.ts)",
      );
    });
  });

  it("a cycle that cannot load (a base class importing its subclass) says so", async () => {
    await withTempDir(async (dir) => {
      writeTree(dir, {
        "entities/a_base.ts": `import { Child } from "./b_child";\nexport class Base { static children = [Child]; }\n`,
        "entities/b_child.ts": `import { Base } from "./a_base";\nexport class Child extends Base {}\n`,
      });
      const error = await failure(dir, ["entities/*.ts"]);
      expect(error.message).toMatch(/^cannot load entity file entities\/a_base\.ts: entities\/b_child\.ts: Class extends value undefined/);
      expect(error.hint).toMatch(/import cycle/);
      expect(error.hint).not.toMatch(/Relation</);
    });
  });
});
