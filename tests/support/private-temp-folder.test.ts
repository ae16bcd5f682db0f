import { tmpdir } from "node:os";
import { basename, dirname } from "node:path";
import { describe, expect, it } from "vitest";
import { isolatedEnvironment } from "./cli.ts";

describe("the test run's temporary folder", () => {
  it("holds what tests make, in one folder for the run that its teardown removes", () => {
    expect(basename(tmpdir())).toMatch(/^wiki-study-bot-tests-/);
  });

  it("is the temporary folder of the processes tests start, and their cache and data go in it", () => {
    const env = isolatedEnvironment();
    expect(env.TMPDIR).toBe(tmpdir());
    expect(dirname(env.CACHE_DIR as string)).toBe(tmpdir());
    expect(dirname(env.DATA_DIR as string)).toBe(tmpdir());
  });
});
