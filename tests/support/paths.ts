import { existsSync } from "node:fs";
import { resolve } from "node:path";
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
export const sharedMissing = "skipped: ../shared (evaluation data) is not beside the project";
