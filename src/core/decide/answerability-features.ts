import { type AnswerType, isNegated } from "../answer/question.ts";
import type { SpanChoice } from "../extract/short-answer.ts";
import type { FeatureGroup } from "../features/evidence.ts";
import type { ExaminedQuestion } from "../features/examine.ts";
import { SENTENCE_FEATURES } from "../features/sentence-features.ts";
import { matchKind } from "../features/term-matches.ts";

/** A question after ranking: its candidates' scores, best first by index. */
export interface RankedQuestion {
  examined: ExaminedQuestion;
  /** Ranker score of each candidate, aligned with `examined.evidence`. */
  scores: number[];
  /** Softmax of the scores. */
  probabilities: number[];
  /** Candidate indexes, best first. */
  order: number[];
}

/** What the decision reads: the ranked candidates and the best span of the best one. */
export interface DecisionInput {
  ranked: RankedQuestion;
  span: SpanChoice | null;
}

/**
 * Question words the best sentence lacks even with its context (title, heading, the sentences around
 * it): all of them, the names among them (`Montcalm`), the numbers (`1765`) and the verbs; and how many
 * the sentence itself lacks.
 */
function missingInContext(
  ranked: RankedQuestion,
  best: number,
): { all: number; names: number; numbers: number; verbs: number; inSentence: number } {
  const evidence = ranked.examined.evidence[best];
  const missing = { all: 0, names: 0, numbers: 0, verbs: 0, inSentence: 0 };
  if (evidence === undefined) return missing;
  const { view } = evidence.candidate;
  evidence.facts.content.forEach((r, n) => {
    if (evidence.matches[n] !== null) return;
    missing.inSentence++;
    const inContext = [view.titleTerms, view.headingTerms, view.previousTerms, view.nextTerms].some(
      (terms) => matchKind(r, terms) !== null,
    );
    if (inContext) return;
    missing.all++;
    if (r.term.capitalised) missing.names++;
    if (/^\p{N}/u.test(r.term.norm)) missing.numbers++;
    if (r.term.verbLike) missing.verbs++;
  });
  return missing;
}

const feature = (name: string) => {
  const at = SENTENCE_FEATURES.indexOf(name);
  if (at < 0) throw new Error(`unknown sentence feature ${name}`);
  return at;
};

const TOP_SENTENCE_FEATURES = [
  "coverage.exact",
  "coverage.stem",
  "coverage.typo",
  "coverage.synonym",
  "coverage.maxMissingIdf",
  "coverage.missingInCorpus",
  "coverage.absentFromCorpus",
  "context.title",
  "context.heading",
  "context.previous",
  "proximity.window",
  "answerType.nearest",
  "answerType.datePresent",
  "answerType.numberPresent",
  "answerType.namePresent",
  "answerType.causal",
  "answerType.countedNoun",
].map((name) => ({ name, at: feature(name) }));

const DIRECT = ["coverage.exact", "coverage.stem", "coverage.typo", "coverage.synonym"].map(feature);

/** Share of the question held by the sentence itself, however each word matched. */
function directCoverage(row: readonly number[]): number {
  return DIRECT.reduce((sum, at) => sum + (row[at] as number), 0);
}

// Counts and measures apart: `how many` is a favourite of questions the text only seems to answer, while
// `how long` and `how old` mostly have an answer (on SQuAD's and the blind batches' questions alike).
const TYPE_GROUPS: ReadonlyArray<readonly AnswerType[]> = [
  ["date"],
  ["count"],
  ["measure"],
  ["person", "place", "name", "name-of"],
  ["definition", "kind"],
  ["reason", "manner"],
  ["yes-no", "other"],
];

/**
 * What tells an answerable question from one the articles only seem to answer: how sure the ranker is
 * (best probability, margin over the runner-up), how well the best sentence covers the question and
 * which important words it lacks, and what kind of question it is.
 */
export const answerabilityFeatures: FeatureGroup<DecisionInput> = {
  name: "answerability",
  features: [
    "ranker.topProbability",
    "ranker.topScore",
    "ranker.margin",
    ...TOP_SENTENCE_FEATURES.map(({ name }) => `top.${name}`),
    "question.logTerms",
    "top.missingWords",
    "top.missingNames",
    "top.missingNumbers",
    "top.missingVerbs",
    "top.oneWordMissing",
    "top3.bestCoverage",
    "top.negationMismatch",
    "span.probability",
    "span.margin",
    ...TYPE_GROUPS.map((group) => `question.type.${group[0]}`),
  ],
  compute({ ranked, span }) {
    const { examined, scores, probabilities, order } = ranked;
    const best = order[0];
    const second = order[1];
    const top = best === undefined ? null : (examined.rows[best] as number[]);
    const type = examined.question.type;
    return [
      best === undefined ? 0 : (probabilities[best] as number),
      best === undefined ? -10 : (scores[best] as number),
      best === undefined || second === undefined ? 0 : (scores[best] as number) - (scores[second] as number),
      ...TOP_SENTENCE_FEATURES.map(({ at }) => (top === null ? 0 : (top[at] as number))),
      Math.log(1 + examined.facts.content.length),
      ...(() => {
        if (best === undefined) return [0, 0, 0, 0, 0, 0, 0];
        const missing = missingInContext(ranked, best);
        const sentenceNegated = isNegated(examined.evidence[best]?.candidate.view.sentence.text ?? "");
        return [
          Math.log(1 + missing.all),
          missing.names,
          missing.numbers,
          missing.verbs,
          missing.inSentence === 1 ? 1 : 0,
          Math.max(...order.slice(0, 3).map((i) => directCoverage(examined.rows[i] as number[]))),
          !examined.question.negatedAside && examined.question.negated !== sentenceNegated ? 1 : 0,
        ];
      })(),
      span?.probability ?? 0,
      Math.min(span?.margin ?? 0, 10),
      ...TYPE_GROUPS.map((group) => (group.includes(type) ? 1 : 0)),
    ];
  },
};
