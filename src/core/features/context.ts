import type { TermLookup } from "../answer/sentence-view.ts";
import type { FeatureGroup, SentenceEvidence } from "./evidence.ts";
import { idfShare } from "./evidence.ts";
import { matchKind } from "./term-matches.ts";

/**
 * Question words the sentence lacks but its surroundings hold: the article title, the section heading,
 * the sentence a leading pronoun refers back to, the rest of the passage; and whether the question
 * names the sentence's article.
 */
export const contextFeatures: FeatureGroup<SentenceEvidence> = {
  name: "context",
  features: [
    "context.title",
    "context.heading",
    "context.antecedent",
    "context.neighbours",
    "context.previous",
    "context.next",
    "context.namedArticle",
    "context.otherArticleNamed",
    "context.articleShare",
  ],
  compute({ facts, matches, candidate }) {
    const view = candidate.view;
    const missing = (n: number) => matches[n] === null;
    const inContext = (terms: TermLookup) => (n: number) =>
      missing(n) && matchKind(facts.content[n] as never, terms) !== null;
    const { named, articleShare } = facts.retrieval;
    const isNamed = named.has(view.article.id);
    return [
      idfShare(facts, inContext(view.titleTerms)),
      idfShare(facts, inContext(view.headingTerms)),
      view.startsWithPronoun ? idfShare(facts, inContext(view.previousTerms)) : 0,
      idfShare(facts, inContext(view.neighbourTerms)),
      idfShare(facts, (n) => matchKind(facts.content[n] as never, view.previousTerms) !== null),
      idfShare(facts, (n) => matchKind(facts.content[n] as never, view.nextTerms) !== null),
      isNamed ? 1 : 0,
      named.size > 0 && !isNamed ? 1 : 0,
      articleShare.get(view.article.id) ?? 0,
    ];
  },
};
