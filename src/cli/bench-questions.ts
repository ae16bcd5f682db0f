import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { readEvalItems } from "./evaluation.ts";

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
