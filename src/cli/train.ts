import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import type { AnswerModel } from "../core/answer/model.ts";
import { DEFAULT_MODEL_PATH } from "../core/answer/model.ts";
import { loadEngine } from "../core/engine.ts";
import { SENTENCE_FEATURE_GROUPS } from "../core/features/sentence-features.ts";
import { readCorpusFiles } from "../core/ingest/corpus.ts";
import type { LinearModel } from "../core/rank/linear-model.ts";
import { curatedThesaurus, Thesaurus } from "../core/text/synonyms.ts";
import type { Answer } from "../core/types.ts";
import { CommandError, type CommandSpec, runCommand } from "./args.ts";
import { type Baselines, baselinesFor, type EvalItem, type EvalReport, reportOf } from "./evaluation.ts";
import { percent, scoreTable } from "./score-table.ts";
import { crossValidate } from "./training/cross-validate.ts";
import { buildExamples, type Example } from "./training/examples.ts";
import {
  defaultTrainingOptions,
  type SpanModelMemo,
  type TrainingOptions,
  trainAnswerModel,
} from "./training/fit-model.ts";
import {
  fileHashes,
  type Library,
  OFF_TOPIC,
  readSetItems,
  sharedDataPresent,
  trainingSets,
  withCorpusFolder,
} from "./training/sets.ts";

/** Rounds a model's numbers so the file is small and byte-stable. */
function rounded<T extends LinearModel>(model: T): T {
  const r = (x: number) => Number(x.toPrecision(6));
  return {
    ...model,
    mean: model.mean.map(r),
    scale: model.scale.map(r),
    weights: model.weights.map(r),
    bias: r(model.bias),
  };
}

/** The figures kept in the model file: per set, ours and the baselines', on held-out articles. */
function summary(report: EvalReport) {
  const pick = ({
    answerAt1,
    answerAt3,
    abstention,
    falseAbstention,
    shortExact,
    shortF1,
    shortShown,
    shortWrong,
    items,
  }: EvalReport["overall"]["ours"]) => {
    const r = (x: number) => (Number.isNaN(x) ? null : Math.round(x * 1000) / 1000);
    return {
      items,
      answerAt1: r(answerAt1),
      answerAt3: r(answerAt3),
      abstention: r(abstention),
      falseAbstention: r(falseAbstention),
      shortExact: r(shortExact),
      shortF1: r(shortF1),
      shortShown: r(shortShown),
      shortWrong: r(shortWrong),
    };
  };
  const { ours, baseline, stemmed } = report.overall;
  return { ours: pick(ours), plainMiniSearch: pick(baseline), stemmedFuzzyMiniSearch: pick(stemmed) };
}

const trainCommand = {
  command: "npm run train --",
  synopsis: ["[--ablation] [--no-write]"],
  summary:
    "Measures the answer models by cross-validation over articles (beside both MiniSearch baselines), then trains them on all the questions of ../shared and of tests/fixtures, and writes models/answer-model.json with the data's hashes and the cross-validated figures. Deterministic: the same data gives the same file.",
  options: {
    ablation: {
      type: "boolean",
      description: "also cross-validate with each feature group removed in turn (several minutes more)",
    },
    "no-write": {
      type: "boolean",
      description: "measure and train, but leave models/answer-model.json as it is",
    },
  },
  positionals: false,
  examples: [
    "npm run train",
    "npm run train -- --ablation --no-write   # the table of what each feature group earns",
  ],
  notes: ["Needs ../shared (the team's evaluation data) beside the project."],
} as const satisfies CommandSpec;

await runCommand(trainCommand, async ({ values }) => {
  if (!sharedDataPresent())
    throw new CommandError(
      "train: ../shared/eval is not beside the project; training needs its question sets",
    );
  const started = performance.now();
  const sets = trainingSets();
  /** The baselines of each question's library, built once. */
  const baselinesOfLibrary = new Map<Library, Baselines>();
  const libraryOf = new Map<EvalItem, Library>();
  /** Every set's questions examined against their library, with the given synonyms. */
  const examine = (thesaurus: Thesaurus) =>
    sets.flatMap((set) =>
      set.libraries.flatMap((library) =>
        withCorpusFolder(library.corpusDirs, (corpusDir) => {
          const { engine } = loadEngine({ corpusDir, cacheDir: null, thesaurus });
          if (!baselinesOfLibrary.has(library))
            baselinesOfLibrary.set(library, baselinesFor(readCorpusFiles(corpusDir).files));
          const examples = buildExamples(set, library, engine, corpusDir, readSetItems(set, library));
          for (const example of examples) libraryOf.set(example.item, library);
          return examples;
        }),
      ),
    );
  const baselinesOf = (item: EvalItem) => baselinesOfLibrary.get(libraryOf.get(item) as Library) as Baselines;
  const examples = examine(curatedThesaurus);
  for (const set of sets)
    console.log(`${set.name}: ${examples.filter((example) => example.set === set.name).length} questions`);

  const spanModels: SpanModelMemo = new Map();
  /** Held-out answers scored per set: the set's own questions, and apart from them our off-topic ones. */
  const validate = (options: TrainingOptions, among: readonly Example[] = examples, memo = spanModels) =>
    crossValidate(sets, among, options, memo).map(({ set, examples: held, answers }) => {
      const part = (offTopic: boolean) => {
        const chosen = held.flatMap((example, n) =>
          (example.item.kind === OFF_TOPIC) === offTopic ? [n] : [],
        );
        return reportOf(
          chosen.map((n) => (held[n] as Example).item),
          chosen.map((n) => answers[n] as Answer),
          baselinesOf,
        );
      };
      return { set, report: part(false), offTopic: part(true).overall.ours };
    });
  const crossValidated = validate(defaultTrainingOptions);
  for (const { set, report, offTopic } of crossValidated) {
    console.log(`\n${scoreTable(`${set}: cross-validated by article (held-out articles only)`, report)}`);
    if (offTopic.items > 0)
      console.log(
        `our off-topic questions asked of this corpus: ${offTopic.items}, declined ${percent(offTopic.abstention)}`,
      );
  }

  if (values.ablation) {
    console.log(
      "\nAblation, cross-validated (ours: answer@1 / answer@3 / abstention / false abstention / short F1 / wrong short answers)",
    );
    const line = (label: string, results: typeof crossValidated) =>
      `${label.padEnd(20)}${results
        .map(({ set, report }) => {
          const o = report.overall.ours;
          const cells = [o.answerAt1, o.answerAt3, o.abstention, o.falseAbstention, o.shortF1, o.shortWrong];
          return `  ${set}: ${cells.map((x) => percent(x).padStart(4)).join(" ")}`;
        })
        .join("")}`;
    console.log(line("all features", crossValidated));
    for (const group of SENTENCE_FEATURE_GROUPS) {
      console.log(
        line(`− ${group.name}`, validate({ ...defaultTrainingOptions, disabledGroups: [group.name] })),
      );
    }
    console.log(
      line("− curated synonyms", validate(defaultTrainingOptions, examine(new Thesaurus([])), new Map())),
    );
  }

  const fitted = trainAnswerModel(examples, defaultTrainingOptions, spanModels);
  const model: AnswerModel = {
    ...fitted,
    trainedOn: fileHashes(sets, (text) => createHash("sha256").update(text).digest("hex")),
    ranker: rounded(fitted.ranker),
    answerability: rounded(fitted.answerability),
    span: rounded(fitted.span),
    shortAnswer: rounded(fitted.shortAnswer),
    crossValidated: Object.fromEntries(
      crossValidated.map(({ set, report, offTopic }) => [
        set,
        {
          ...summary(report),
          offTopicDeclined: offTopic.items > 0 ? Math.round(offTopic.abstention * 1000) / 1000 : null,
        },
      ]),
    ),
  };
  if (!values["no-write"]) {
    writeFileSync(DEFAULT_MODEL_PATH, `${JSON.stringify(model, null, 1)}\n`);
    console.log(`\nwrote ${DEFAULT_MODEL_PATH}`);
  }
  console.log(
    `answer threshold ${model.answerability.threshold.toFixed(3)}, short-answer threshold ${model.shortAnswer.threshold.toFixed(3)}; ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
});
