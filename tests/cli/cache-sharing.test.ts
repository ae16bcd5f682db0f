import { cpSync, mkdtempSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CORPUS_CACHE_FILE } from "../../src/core/index/corpus-cache.ts";
import { runScript, scriptTimeout } from "../support/cli.ts";
import { defaultCorpusDir, projectRoot } from "../support/paths.ts";

describe("the index cache shared by processes on one machine", () => {
  it(
    "is built by two processes starting together without either failing or leaving a damaged file",
    async () => {
      // The seed plus real prose articles, so the build takes long enough for the two to overlap.
      const corpus = mkdtempSync(join(tmpdir(), "shared-corpus-"));
      cpSync(defaultCorpusDir, corpus, { recursive: true });
      cpSync(join(projectRoot, "tests/fixtures/prose"), corpus, {
        recursive: true,
        filter: (source) => !source.endsWith("README.md"),
      });
      const cacheDir = mkdtempSync(join(tmpdir(), "shared-cache-"));
      const ask = () =>
        runScript("src/cli/ask.ts", ["--json", "--corpus", corpus, "when was lal masjid built"], {
          env: { CACHE_DIR: cacheDir },
        });

      const [first, second] = await Promise.all([ask(), ask()]);

      for (const run of [first, second]) {
        expect(run.code, run.stderr).toBe(0);
        expect(JSON.parse(run.stdout).answer).toBe("1965");
      }
      // Each wrote its own temporary file and renamed it into place: one cache, no leftovers.
      const folder = join(cacheDir, "custom");
      expect(readdirSync(folder)).toEqual([CORPUS_CACHE_FILE]);
      // The file left is sound: a third start reads it instead of building again.
      const written = statSync(join(folder, CORPUS_CACHE_FILE)).mtimeMs;
      const third = await ask();
      expect(JSON.parse(third.stdout).answer).toBe("1965");
      expect(statSync(join(folder, CORPUS_CACHE_FILE)).mtimeMs).toBe(written);
    },
    scriptTimeout,
  );
});
