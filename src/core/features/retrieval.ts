import type { FeatureGroup, SentenceEvidence } from "./evidence.ts";

/** How MiniSearch ranked the sentence's passage: its BM25 score relative to the best, and its rank. */
export const retrievalFeatures: FeatureGroup<SentenceEvidence> = {
  name: "retrieval",
  features: ["retrieval.scoreRatio", "retrieval.reciprocalRank", "retrieval.top"],
  compute({ facts, candidate }) {
    const top = facts.retrieval.topScore;
    return [
      top > 0 ? candidate.passageScore / top : 0,
      1 / (1 + candidate.passageRank),
      candidate.passageRank === 0 ? 1 : 0,
    ];
  },
};
