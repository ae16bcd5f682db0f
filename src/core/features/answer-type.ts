import type { AnswerType } from "../answer/question.ts";
import { matchIn } from "../answer/resolved-terms.ts";
import type { SentenceView } from "../answer/sentence-view.ts";
import { type Candidate, dateCandidates, nameCandidates, numberCandidates } from "../answer/spans.ts";
import { fitType } from "../answer/type-fit.ts";
import { stem } from "../text/terms.ts";
import type { FeatureGroup, SentenceEvidence } from "./evidence.ts";

/** The family of spans a question type is answered by. */
type SpanFamily = "date" | "number" | "name" | null;

const FAMILY: Readonly<Partial<Record<AnswerType, SpanFamily>>> = {
  date: "date",
  count: "number",
  measure: "number",
  person: "name",
  place: "name",
  name: "name",
  "name-of": "name",
};

/** Connectives that introduce a cause or purpose in English. */
const CAUSAL_WORDS = new Set([
  "because",
  "due",
  "since",
  "therefore",
  "thus",
  "hence",
  "so",
  "order",
  "result",
  "reason",
  "cause",
  "caused",
  "led",
]);

/** Dates, numbers or names of a sentence, found once per sentence. */
export function spansOfFamily(
  view: SentenceView,
  family: Exclude<SpanFamily, null>,
  measure: Parameters<typeof numberCandidates>[2] = null,
): Candidate[] {
  view.found.dates ??= dateCandidates(view.sentence.text, view.words);
  if (family === "date") return view.found.dates;
  if (family === "name") {
    view.found.names ??= nameCandidates(view.sentence.text, view.words, view.sentence.wordTags);
    return view.found.names;
  }
  return numberCandidates(view.sentence.text, view.words, measure, view.found.dates);
}

/**
 * Whether the sentence holds a span of the kind the question asks for (a date for `when`, a number for
 * `how many`, a name for `who`/`where`/`which`) that is not made of the question's own words, and how close
 * it stands to them. Split by family so the model can weigh each; plus a causal connective for `why`.
 */
export const answerTypeFeatures: FeatureGroup<SentenceEvidence> = {
  name: "answerType",
  features: [
    "answerType.datePresent",
    "answerType.numberPresent",
    "answerType.namePresent",
    "answerType.nearest",
    "answerType.causal",
    "answerType.countedNoun",
  ],
  compute({ facts, candidate, matchedPositions }) {
    const { question } = facts.retrieval;
    const view = candidate.view;
    const family = FAMILY[question.type] ?? null;
    const present = [0, 0, 0];
    let nearest = 0;
    let countedNoun = 0;
    if (family !== null) {
      const matched = new Set(matchedPositions);
      const spans = spansOfFamily(view, family, question.type === "measure" ? question.measure : null).filter(
        (span) => {
          for (let i = span.firstWord; i < span.lastWord; i++) if (!matched.has(i)) return true;
          return false;
        },
      );
      // `how many toads` and `102 toads were shipped`: the number counts what was asked about.
      const { counted } = question;
      if (
        counted !== null &&
        spans.some((span) =>
          [span.lastWord - 1, span.lastWord].some((i) => {
            const word = view.words[i];
            return word !== undefined && stem(word.norm) === counted;
          }),
        )
      )
        countedNoun = 1;
      if (spans.length > 0) {
        present[family === "date" ? 0 : family === "number" ? 1 : 2] = 1;
        if (matchedPositions.length > 0) {
          const distance = Math.min(
            ...spans.flatMap((span) =>
              matchedPositions.map((i) =>
                i < span.firstWord ? span.firstWord - i : Math.max(0, i - span.lastWord + 1),
              ),
            ),
          );
          nearest = 1 / (1 + distance / 3);
        }
      }
    }
    const causal =
      question.type === "reason" && view.words.some((word) => CAUSAL_WORDS.has(word.norm)) ? 1 : 0;
    return [...present, nearest, causal, countedNoun];
  },
};

/**
 * The hand-written type rules of the engine before it learned (`src/core/answer/type-fit.ts`: a date
 * attached to the asked verb, agentless passives, definitions in parentheses…) as one feature, kept only
 * while the ablation shows it helps on held-out articles.
 */
export const typeRuleFeatures: FeatureGroup<SentenceEvidence> = {
  name: "typeRules",
  features: ["typeRules.fit"],
  compute({ facts, candidate, matchedPositions, termPositions }) {
    const { view } = candidate;
    // Words of the article's own title are everywhere; they anchor no date or number.
    const anchors = facts.content.flatMap((r, n) =>
      matchIn(r, view.titleTerms) === 0 ? (termPositions[n] ?? []) : [],
    );
    return [
      fitType(facts.retrieval.question, view, facts.retrieval.resolved, matchedPositions, anchors).typeFit,
    ];
  },
};
