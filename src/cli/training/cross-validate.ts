import { composeAnswer } from "../../core/answer/answer.ts";
import type { AnswerModel } from "../../core/answer/model.ts";
import { defaultEngineOptions } from "../../core/index/options.ts";
import type { Answer } from "../../core/types.ts";
import type { Example } from "./examples.ts";
import {
  defaultTrainingOptions,
  disabledColumns,
  foldsByArticle,
  type SpanModelMemo,
  type TrainingOptions,
  trainAnswerModel,
  withColumnsDisabled,
} from "./fit-model.ts";
import type { QuestionSet } from "./sets.ts";

/** Held-out answers of every example of one set, each from a model that never saw its article. */
export interface HeldOutAnswers {
  set: string;
  examples: Example[];
  answers: Answer[];
}

/**
 * Cross-validation by article: the SQuAD pool in five folds of two articles, the small stripped-format
 * set leaving one article out, the blind batches in five folds of whole libraries. Every fold's model is
 * trained on all other examples (of every set), less the same articles in another set's form.
 */
export function crossValidate(
  sets: readonly QuestionSet[],
  examples: readonly Example[],
  options: TrainingOptions = defaultTrainingOptions,
  spanModels: SpanModelMemo = new Map(),
): HeldOutAnswers[] {
  const columns = disabledColumns(options);
  // Sets that ask the same questions of the same articles are held out together.
  const familyOf = new Map(sets.map((set) => [set.name, set.sameQuestionsAs ?? set.name] as const));
  const foldKey = (example: Example) => `${familyOf.get(example.set)}/${example.article}`;
  return sets.map((set) => {
    const own = examples.filter((example) => example.set === set.name);
    const folds =
      set.folds === "five-by-article"
        ? foldsByArticle(own, 5)
        : foldsByArticle(own, new Set(own.map((example) => example.article)).size);
    const answerOf = new Map<Example, Answer>();
    for (const fold of folds) {
      const held = new Set(fold);
      const heldArticles = new Set(fold.map(foldKey));
      const training = examples.filter((example) => !heldArticles.has(foldKey(example)));
      const model = {
        ...trainAnswerModel(training, options, spanModels),
        trainedOn: [],
        crossValidated: null,
      } as AnswerModel;
      for (const example of held) {
        const { examined } = withColumnsDisabled(example, columns);
        answerOf.set(example, composeAnswer(examined, model, defaultEngineOptions, example.item.question));
      }
    }
    return { set: set.name, examples: own, answers: own.map((example) => answerOf.get(example) as Answer) };
  });
}
