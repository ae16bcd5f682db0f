import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { QaEngine } from "../core/engine.ts";
import { containsGoldAnswer, readEvalItems } from "./evaluation.ts";
import type { SyntheticFact } from "./synthetic-corpus.ts";

/** Asked of the real corpus when `../shared/eval/dev.jsonl` is absent (the bench must not need it). */
const genericQuestions = [
  "when was it built",
  "who founded it",
  "which city is it in",
  "what does the name mean",
  "who was the first leader",
  "what happened in 2007",
  "how many people were killed",
  "who designed the building",
  "what is it made of",
  "where is it located",
];

/**
 * The questions both benchmarks ask of the real corpus: those of `../shared/eval/dev.jsonl` (relative to
 * the working directory) when it exists, else a short generic list.
 */
export function realCorpusQuestions(devPath = resolve("../shared/eval/dev.jsonl")): readonly string[] {
  return existsSync(devPath) ? readEvalItems(devPath).map((item) => item.question) : genericQuestions;
}

/** Questions no generated article answers; the engine should decline them. */
export const OFF_TOPIC_QUESTIONS = [
  "who won the football world cup in 1998",
  "what is the boiling point of mercury",
  "how tall is mount everest",
  "who wrote war and peace",
  "what is the speed of light in a vacuum",
  "when did the berlin wall fall",
  "how many moons does jupiter have",
  "what is the capital of australia",
  "who painted the mona lisa",
  "how do you bake sourdough bread",
  "what language is spoken in brazil",
  "when was the telephone invented",
  "what is photosynthesis",
  "who discovered penicillin",
  "how deep is the mariana trench",
];

/** `count` items spread evenly over the list, so questions cover the whole corpus without randomness. */
export function spreadSample<T>(items: readonly T[], count: number): T[] {
  const step = Math.max(1, Math.floor(items.length / count));
  return items.filter((_, n) => n % step === 0).slice(0, count);
}

/** Shares of a synthetic corpus's fact questions answered right at rank 1, and of off-topic ones declined. */
export interface SanityCheck {
  answerAt1: number;
  offTopicAbstention: number;
}

/** Whether the engine answers the generated facts and declines off-topic questions (so the timings mean something). */
export function sanityCheck(engine: QaEngine, facts: readonly SyntheticFact[]): SanityCheck {
  const rightAt1 = facts.filter((fact) => {
    const answer = engine.answer(fact.question);
    return answer.answered && containsGoldAnswer(answer.excerpts[0]?.text ?? "", [fact.answer]);
  }).length;
  const declined = OFF_TOPIC_QUESTIONS.filter((question) => !engine.answer(question).answered).length;
  return { answerAt1: rightAt1 / facts.length, offTopicAbstention: declined / OFF_TOPIC_QUESTIONS.length };
}
