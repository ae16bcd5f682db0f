import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { relative } from "node:path";
import { DEFAULT_BOUNDARY_MODEL_PATH } from "../core/ingest/segment/boundary-model.ts";
import { projectRoot } from "../core/project-root.ts";
import { CommandError, type CommandSpec, runCommand } from "./args.ts";
import {
  countWordsAtEdges,
  fitBoundaryModel,
  RULES_ONLY,
  type SegmentationScore,
  scoreSegmentation,
} from "./training/segmentation.ts";
import { type SegmentedArticle, segmentedArticles } from "./training/segmentation-data.ts";
import { sharedDataPresent } from "./training/sets.ts";

const f2 = (x: number) => x.toFixed(3);
const row = (cells: string[]) => `| ${cells.join(" | ")} |`;

const trainSegmenterCommand = {
  command: "npm run train-segmenter --",
  synopsis: ["[--no-write]"],
  summary:
    "Measures the learned sentence-boundary model for the stripped format leaving one article out (each shared pool and gold article in turn, beside the hand rules alone), then trains it on every article and writes models/boundary-model.json with the data's hashes and the measured figures. Deterministic.",
  options: {
    "no-write": {
      type: "boolean",
      description: "measure and train, but leave models/boundary-model.json as it is",
    },
  },
  positionals: false,
  examples: ["npm run train-segmenter", "npm run train-segmenter -- --no-write"],
  notes: ["Needs ../shared (the team's evaluation data) beside the project."],
} as const satisfies CommandSpec;

await runCommand(trainSegmenterCommand, ({ values }) => {
  if (!sharedDataPresent())
    throw new CommandError(
      "train-segmenter: ../shared/eval is not beside the project; training needs its gold segmentations",
    );
  const articles = segmentedArticles();
  const counts = new Map(articles.map((article) => [article.name, countWordsAtEdges(article)]));
  const countsOf = (article: SegmentedArticle) => counts.get(article.name) ?? new Map();
  const measured = articles.filter((article) => article.group !== "prose");

  const results: Array<{ name: string; group: string; ours: SegmentationScore; rules: SegmentationScore }> =
    [];
  for (const heldOut of measured) {
    const model = fitBoundaryModel(
      articles.filter((a) => a.name !== heldOut.name),
      countsOf,
    );
    results.push({
      name: heldOut.name,
      group: heldOut.group,
      ours: scoreSegmentation(heldOut, model),
      rules: scoreSegmentation(heldOut, RULES_ONLY),
    });
    process.stderr.write(`… ${heldOut.name}\n`);
  }
  console.log("Boundary F1, each article left out of training (old hand rules alone beside it):\n");
  console.log(
    row(["article", "precision", "recall", "F1", "rules F1", "headings found", "invented headings"]),
  );
  console.log(row(["---", "---", "---", "---", "---", "---", "---"]));
  for (const { name, ours, rules } of results)
    console.log(
      row([
        name,
        f2(ours.precision),
        f2(ours.recall),
        f2(ours.f1),
        f2(rules.f1),
        `${ours.headingsFound} / ${ours.headingsGold}`,
        String(ours.inventedHeadings),
      ]),
    );
  const pool = results.filter((r) => r.group === "pool");
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const summary = {
    poolMeanF1: Number(f2(mean(pool.map((r) => r.ours.f1)))),
    poolWorstF1: Number(f2(Math.min(...pool.map((r) => r.ours.f1)))),
    poolMeanF1Rules: Number(f2(mean(pool.map((r) => r.rules.f1)))),
    poolInventedHeadings: pool.reduce((sum, r) => sum + r.ours.inventedHeadings, 0),
    articles: Object.fromEntries(
      results.map((r) => [
        r.name,
        {
          f1: Number(f2(r.ours.f1)),
          rulesF1: Number(f2(r.rules.f1)),
          headings: `${r.ours.headingsFound}/${r.ours.headingsGold}`,
          invented: r.ours.inventedHeadings,
        },
      ]),
    ),
  };
  console.log(
    `\npool: mean F1 ${summary.poolMeanF1} (rules ${summary.poolMeanF1Rules}), worst ${summary.poolWorstF1}, invented headings ${summary.poolInventedHeadings}`,
  );

  const model = fitBoundaryModel(articles, countsOf);
  const trainedOn = [...new Set(articles.flatMap((a) => a.files))].map((file) => ({
    file: relative(projectRoot, file),
    sha256: createHash("sha256").update(readFileSync(file)).digest("hex"),
  }));
  const file = { ...model, trainedOn, crossValidated: summary };
  if (values["no-write"]) return;
  writeFileSync(DEFAULT_BOUNDARY_MODEL_PATH, `${JSON.stringify(file, null, 1)}\n`);
  console.log(`wrote ${DEFAULT_BOUNDARY_MODEL_PATH} (${Object.keys(model.weights).length} weights)`);
});
