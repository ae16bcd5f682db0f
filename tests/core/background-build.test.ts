import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeSyntheticCorpus } from "../../src/cli/synthetic-corpus.ts";
import { EngineBuild } from "../../src/core/background-build.ts";
import { type BuildProgress, loadEngine } from "../../src/core/engine.ts";
import { CorpusError } from "../../src/core/ingest/corpus.ts";
import { corpusCopyDir } from "../support/engines.ts";
import { defaultCorpusDir } from "../support/paths.ts";

describe("building the engine in the background", () => {
  it("has no engine until the build finishes, reporting a share done that only grows, then answers", async () => {
    const corpusDir = corpusCopyDir(defaultCorpusDir);
    writeSyntheticCorpus(corpusDir, { articles: 60, seed: 3 });
    const reports: BuildProgress[] = [];
    const build = new EngineBuild({ corpusDir, cacheDir: null, onProgress: (p) => reports.push(p) });

    expect(build.current).toBeNull();
    expect(build.fraction).toBeLessThan(1);
    const loaded = await build.finished;

    expect(build.current).toBe(loaded.engine);
    expect(build.fraction).toBe(1);
    expect(loaded.engine.articles).toHaveLength(61);
    expect(loaded.engine.answer("who was appointed the first imam of lal masjid").answer).toBe(
      "Maulana Muhammad Abdullah",
    );
    const fractions = reports.map((report) => report.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.at(-1)).toBe(1);
  });

  it("is ready at once when the index cache holds the corpus", () => {
    const corpusDir = corpusCopyDir(defaultCorpusDir);
    const cacheDir = mkdtempSync(join(tmpdir(), "cache-"));
    loadEngine({ corpusDir, cacheDir });

    const build = new EngineBuild({ corpusDir, cacheDir });

    expect(build.current?.articles.map((article) => article.id)).toEqual(["lal-masjid"]);
    expect(build.loaded?.fromCache).toBe(true);
    expect(build.fraction).toBe(1);
  });

  it("refuses a missing or empty corpus folder at once, before anything runs in the background", () => {
    expect(() => new EngineBuild({ corpusDir: "/nonexistent/corpus", cacheDir: null })).toThrow(
      /corpus folder not found/u,
    );
    const empty = mkdtempSync(join(tmpdir(), "empty-corpus-"));
    expect(() => new EngineBuild({ corpusDir: empty, cacheDir: null })).toThrow(CorpusError);
  });
});
