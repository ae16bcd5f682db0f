import { copyFileSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type LoadedEngine, loadEngine } from "../../src/core/engine.ts";
import { defaultCorpusDir, sharedDir, sharedPresent } from "./paths.ts";

/** The engine over the project's own corpus, without cache (built once per test file). */
export function defaultEngine(): LoadedEngine {
  return loadEngine({ corpusDir: defaultCorpusDir, cacheDir: null });
}

/** A temporary corpus holding a copy of every file in `sources` (folders). */
export function corpusCopyDir(...sources: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "corpus-copy-"));
  for (const source of sources) {
    for (const name of readdirSync(source)) copyFileSync(join(source, name), join(dir, name));
  }
  return dir;
}

/**
 * A temporary corpus holding the project's corpus plus the shared extra articles. Without `../shared` it
 * holds the project's corpus alone: articles are ingested file by file, so tests about the project's own
 * article still see the same article, and tests about the others are skipped (`describeWithSharedData`).
 */
export function multiArticleCorpusDir(): string {
  return sharedPresent
    ? corpusCopyDir(defaultCorpusDir, join(sharedDir, "corpus-extra"))
    : corpusCopyDir(defaultCorpusDir);
}
