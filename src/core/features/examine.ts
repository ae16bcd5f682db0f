import { type AnalyzedQuestion, analyzeQuestion } from "../answer/question.ts";
import { type RetrievalContext, retrieveCandidates } from "../retrieve/candidates.ts";
import { type SentenceEvidence, sentenceEvidence } from "./evidence.ts";
import { sentenceFeatureVector } from "./sentence-features.ts";
import { type QuestionFacts, questionFacts } from "./term-matches.ts";

/** A question with its candidate sentences and their feature vectors: what the models read. */
export interface ExaminedQuestion {
  question: AnalyzedQuestion;
  facts: QuestionFacts;
  evidence: SentenceEvidence[];
  /** Feature vector of each candidate, aligned with `evidence`. */
  rows: number[][];
}

/** Analyses a question, retrieves candidate sentences and computes their features. */
export function examineQuestion(context: RetrievalContext, text: string): ExaminedQuestion {
  const question = analyzeQuestion(text, context.thesaurus);
  const retrieval = retrieveCandidates(context, question);
  const facts = questionFacts(retrieval, context.vocabulary.passageCount);
  const evidence = retrieval.candidates.map((candidate) => sentenceEvidence(facts, candidate));
  return { question, facts, evidence, rows: evidence.map(sentenceFeatureVector) };
}
