import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The project root. */
export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/** Shared evaluation material (question sets, gold segmentations, extra articles); tests only. */
export const sharedDir = resolve(projectRoot, "../shared");
export const defaultCorpusDir = resolve(projectRoot, "corpus");
