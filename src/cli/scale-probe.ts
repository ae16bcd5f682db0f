/**
 * The child process of the scale section of `npm run bench` (bench-scale.ts): started afresh, so a start is
 * truly cold and its memory is only what loading and answering take, never the build's. It loads one system
 * from what the build left on disk, answers the questions given, and writes {@link ProbeReport} as one JSON
 * line on stdout. Run as `node --import tsx src/cli/scale-probe.ts '<ProbeRequest as JSON>'`.
 */
import { readFileSync, realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import MiniSearch from "minisearch";
import { loadEngine } from "../core/engine.ts";
import { holdHeapGrowth } from "./heap-growth.ts";

/** The plain MiniSearch the scale section compares with: default options, passage text stored so it can show it. */
export const plainMiniSearchOptions = { fields: ["text"], storeFields: ["text"] };

/** What the probe loads and asks. */
export interface ProbeRequest {
  /**
   * `ours`: the engine from its index cache (`corpusDir`, `cacheDir`); `plain`: a plain MiniSearch from
   * the JSON file `plainFile`.
   */
  system: "ours" | "plain";
  corpusDir: string;
  cacheDir: string;
  plainFile: string;
  /** JSON file holding the questions, asked in turn (from the first again after the last). */
  questionsFile: string;
  /** Questions asked in all. */
  questions: number;
  /** Answer counts after which the resident set size is noted. */
  checkpoints: number[];
  /**
   * Run under `--expose-gc` and, at each checkpoint, note the heap still used after a forced collection:
   * what is kept, apart from garbage not yet collected. A separate run, as collecting changes the RSS after.
   */
  collectGarbage?: boolean;
}

/** What the probe measured; times are ms since the process started. */
export interface ProbeReport {
  /** Our modules loaded (tsx compiles them here; the start-up section times the built ones). */
  modulesMs: number;
  /** Loaded: the engine from its cache, or the plain index from its JSON. */
  loadedMs: number;
  /** The first question answered. */
  firstAnswerMs: number;
  /** Ours only: whether the engine came from the cache (a rebuild would make every figure meaningless). */
  fromCache: boolean;
  /** Ours only: whether the first question was answered (not declined). */
  firstAnswered: boolean;
  /** Resident set size right after loading, in bytes. */
  rssAfterLoad: number;
  /** Resident set size after each checkpoint's count of answers, in bytes. */
  rssAt: Array<{ answered: number; rss: number }>;
  /** With `collectGarbage`: the heap used after a forced collection at each checkpoint, in bytes. */
  keptAt: Array<{ answered: number; heap: number }>;
  /** The process's peak resident set size, in bytes. */
  peakRss: number;
}

const modulesMs = performance.now();

/** Loads the system, answers, and measures; see {@link ProbeRequest}. */
function probe(request: ProbeRequest): ProbeReport {
  const questions = JSON.parse(readFileSync(request.questionsFile, "utf8")) as string[];
  let answer: (question: string) => boolean;
  let fromCache = true;
  if (request.system === "ours") {
    const loaded = loadEngine({ corpusDir: request.corpusDir, cacheDir: request.cacheDir });
    fromCache = loaded.fromCache;
    // As the bot and the chat serve (cli/load.ts): this child stands for them.
    holdHeapGrowth();
    answer = (question) => loaded.engine.answer(question).answered;
  } else {
    const index = MiniSearch.loadJSON(readFileSync(request.plainFile, "utf8"), plainMiniSearchOptions);
    answer = (question) => index.search(question).length > 0;
  }
  const loadedMs = performance.now();
  const rssAfterLoad = process.memoryUsage.rss();
  const firstAnswered = answer(questions[0] ?? "");
  const firstAnswerMs = performance.now();
  const rssAt: ProbeReport["rssAt"] = [];
  const keptAt: ProbeReport["keptAt"] = [];
  const collect = request.collectGarbage ? (globalThis as { gc?: () => void }).gc : undefined;
  for (let answered = 1; answered <= request.questions; answered++) {
    if (answered > 1) answer(questions[(answered - 1) % questions.length] ?? "");
    if (!request.checkpoints.includes(answered)) continue;
    rssAt.push({ answered, rss: process.memoryUsage.rss() });
    if (collect !== undefined) {
      collect();
      keptAt.push({ answered, heap: process.memoryUsage().heapUsed });
    }
  }
  return {
    modulesMs,
    loadedMs,
    firstAnswerMs,
    fromCache,
    firstAnswered,
    rssAfterLoad,
    rssAt,
    keptAt,
    // maxRSS is in kilobytes.
    peakRss: process.resourceUsage().maxRSS * 1024,
  };
}

const runDirectly =
  process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (runDirectly) console.log(JSON.stringify(probe(JSON.parse(process.argv[2] ?? "") as ProbeRequest)));
