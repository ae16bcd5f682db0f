import type { FeatureGroup, SentenceEvidence } from "./evidence.ts";
import { idfShare } from "./evidence.ts";
import { matchKind } from "./term-matches.ts";

/**
 * How much of the question the sentence itself holds, weighted by idf and split by how each word
 * matched (as typed, by stem, by spelling correction, by synonym), and what important words it lacks.
 */
export const coverageFeatures: FeatureGroup<SentenceEvidence> = {
  name: "coverage",
  features: [
    "coverage.exact",
    "coverage.stem",
    "coverage.typo",
    "coverage.synonym",
    "coverage.termShare",
    "coverage.maxMissingIdf",
    "coverage.missingInCorpus",
    "coverage.absentFromCorpus",
    "coverage.hints",
  ],
  compute({ facts, matches, candidate }) {
    const { content, hints, maxIdf } = facts;
    let maxMissing = 0;
    content.forEach((r, n) => {
      if (matches[n] === null && r.inCorpus) maxMissing = Math.max(maxMissing, r.idf);
    });
    const view = candidate.view;
    const hintShare =
      hints.length === 0
        ? 0
        : hints.filter((r) => matchKind(r, view.terms, view.norms, view.nameOnlyTerms) !== null).length /
          hints.length;
    return [
      idfShare(facts, (n) => matches[n] === "exact"),
      idfShare(facts, (n) => matches[n] === "stem"),
      idfShare(facts, (n) => matches[n] === "typo"),
      idfShare(facts, (n) => matches[n] === "synonym"),
      content.length === 0 ? 0 : matches.filter((kind) => kind !== null).length / content.length,
      maxMissing / maxIdf,
      idfShare(facts, (n) => matches[n] === null && (content[n]?.inCorpus ?? false)),
      idfShare(facts, (n) => !(content[n]?.inCorpus ?? true)),
      hintShare,
    ];
  },
};
