import { copyFileSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type LoadedEngine, loadEngine } from "../../src/core/engine.ts";
import { defaultCorpusDir, sharedDir } from "./paths.ts";

/** The engine over the project's own corpus, without cache (built once per test file). */
export function defaultEngine(): LoadedEngine {
  return loadEngine({ corpusDir: defaultCorpusDir, cacheDir: null });
}

/** A temporary corpus holding the project's corpus plus the shared extra articles. */
export function multiArticleCorpusDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "corpus-multi-"));
  for (const source of [defaultCorpusDir, join(sharedDir, "corpus-extra")]) {
    for (const name of readdirSync(source)) copyFileSync(join(source, name), join(dir, name));
  }
  return dir;
}
