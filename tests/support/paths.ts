import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { describe } from "vitest";
import { projectRoot } from "../../src/core/project-root.ts";

export { projectRoot };
/** Shared evaluation material (question sets, gold segmentations, extra articles); tests only. */
export const sharedDir = resolve(projectRoot, "../shared");
export const defaultCorpusDir = resolve(projectRoot, "corpus");
/** Articles written for the blind question batches; tests use them as articles the corpus lacks. */
export const blindArticlesDir = resolve(projectRoot, "tests/fixtures/blind/articles");

/** Whether `../shared` is beside the project (CI has it; a user's clone does not). */
export const sharedPresent = existsSync(resolve(sharedDir, "eval"));
/** The one-line reason tests that read `../shared` give when they skip. */
export const sharedMissing = "skipped: ../shared (the team's evaluation data) is not beside the project";

/**
 * `describe` for tests that read `../shared` or depend on its extra articles. Without it the suite is
 * skipped with {@link sharedMissing} in its name, and its body is never run, so the body may read the shared
 * files while its tests are collected.
 */
export function describeWithSharedData(name: string, body: () => void): void {
  if (sharedPresent) describe(name, body);
  else describe.skip(`${name} (${sharedMissing})`, () => {});
}
