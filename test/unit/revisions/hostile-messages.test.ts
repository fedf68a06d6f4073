/**
 * A revision message is data: a carriage return (or any control character a
 * line can end on) must not turn its rest into code in the revision header or
 * into a statement in an offline script.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../helpers/cli";
import { withTempDir } from "../../helpers/tmp";

function project(dir: string): void {
  fs.mkdirSync(path.join(dir, "migrations"), { recursive: true });
  fs.writeFileSync(path.join(dir, "migrator.config.ts"), 'export default { entities: [], migrations: "migrations", database: { embedded: "db" } };\n');
}

const files = (dir: string): string[] => fs.readdirSync(path.join(dir, "migrations")).filter((f) => f.endsWith(".ts")).sort();

const REFUSED = [
  ...Array.from({ length: 32 }, (_, code) => code).filter((code) => code !== 9 && code !== 10),
  ...Array.from({ length: 33 }, (_, i) => 0x7f + i),
  0x2028,
  0x2029,
].map((code) => String.fromCodePoint(code));

describe("revision -m with control characters", () => {
  it("refuses every control character but tab and line feed, as one line, writing nothing", async () => {
    await withTempDir(async (dir) => {
      project(dir);
      for (const c of REFUSED) {
        const code = `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
        const result = await runCli(["revision", "-m", `add victim${c}DROP TABLE victim; --`], dir);
        const lines = result.stderr.trimEnd().split("\n");
        expect({ code: result.code, first: lines[0], count: lines.length }, code).toEqual({
          code: 2,
          first: `error: the revision message contains the control character ${code} at position 11`,
          count: 2,
        });
        expect(lines[1]).toMatch(/^hint: /);
      }
      expect(files(dir)).toEqual([]);
    });
  });

  it("a carriage return cannot forge the header", async () => {
    await withTempDir(async (dir) => {
      project(dir);
      await runCli(["revision", "-m", "first", "--rev-id", "aaaa00000001"], dir);
      const forged = await runCli(["revision", "-m", "second\rexport const downRevision = null; //", "--rev-id", "bbbb00000002"], dir);
      expect(forged.code).toBe(2);
      expect((await runCli(["heads"], dir)).stdout).toBe("aaaa00000001 (head)\n");
    });
  });

  it("keeps `*/`, backticks, `${}`, tabs and line feeds as text in the doc comment, and the file loads", async () => {
    await withTempDir(async (dir) => {
      project(dir);
      const message = "close */ tick ` ${process.exit(3)} tab\there\r\nsecond line */ `x`\nthird";
      const made = await runCli(["revision", "-m", message, "--rev-id", "aaaa00000001"], dir);
      expect(made).toMatchObject({ code: 0, stderr: "" });
      const [file] = files(dir);
      const text = fs.readFileSync(path.join(dir, "migrations", file ?? ""), "utf8");
      expect(text).toContain(" * close *\\/ tick ` ${process.exit(3)} tab\there\n * second line *\\/ `x`\n * third\n");
      expect((await runCli(["heads"], dir)).stdout).toBe("aaaa00000001 (head)\n");
      expect((await runCli(["history"], dir)).stdout).toBe("<base> -> aaaa00000001 (head), close */ tick ` ${process.exit(3)} tab\there\n");
      const script = await runCli(["upgrade", "head", "--sql"], dir);
      expect(script).toMatchObject({ code: 0, stderr: "" });
      expect(script.stdout).toContain("-- upgrade aaaa00000001: close */ tick ` ${process.exit(3)} tab\there\n");
    });
  });

  it("a hand-written header with a carriage return stays inside the script's comment", async () => {
    await withTempDir(async (dir) => {
      project(dir);
      fs.writeFileSync(
        path.join(dir, "migrations", "aaaa00000001_x.ts"),
        `/**\n * add victim\rDROP TABLE victim; --\n */\nexport const revision = "aaaa00000001";\nexport const downRevision = null;\n` +
          `export async function upgrade(): Promise<void> {}\nexport async function downgrade(): Promise<void> {}\n`,
      );
      const script = await runCli(["upgrade", "head", "--sql"], dir);
      expect(script).toMatchObject({ code: 0, stderr: "" });
      expect(script.stdout).toContain("-- upgrade aaaa00000001: add victim\\u000dDROP TABLE victim; --\n");
      expect(script.stdout).not.toMatch(/[\r\u2028\u2029]/);
    });
  });
});
