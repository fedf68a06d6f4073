import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hookCommandLine, runPostWriteHook } from "../../../src/revisions/post-write-hook";

describe("runPostWriteHook", () => {
  const dir = mkdtempSync(join(tmpdir(), "migrator-hook-"));
  const file = join(dir, "it's $HOME `x`.ts");
  writeFileSync(file, "");

  it("hands the path over as one shell word, wherever {file} stands or appended", () => {
    expect(hookCommandLine("fmt {file} --check", "/a b/it's.ts")).toBe(`fmt '/a b/it'\\''s.ts' --check`);
    expect(hookCommandLine("fmt", "/a/b.ts")).toBe("fmt '/a/b.ts'");
    expect(runPostWriteHook(`printf '%s|' {file} >> {file}`, file, dir)).toBeUndefined();
    expect(readFileSync(file, "utf8")).toBe(`${file}|`);
  });

  it("says how the hook failed: its exit code, or the signal that killed it", () => {
    expect(runPostWriteHook("echo nope >&2; exit 7", file, dir)).toBe(`post-write hook \`echo nope >&2; exit 7 '${file.replace(/'/g, `'\\''`)}'\` failed with exit code 7: nope`);
    expect(runPostWriteHook("kill -9 $$; :", file, dir)).toMatch(/^post-write hook `kill -9 \$\$; : '.*'` was killed by SIGKILL$/);
    expect(runPostWriteHook("no-such-formatter-here", file, dir)).toMatch(/failed with exit code 127: .*not found/);
  });
});
