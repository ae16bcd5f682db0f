import type { FeatureGroup, SentenceEvidence } from "./evidence.ts";

/** The sentence's own shape: length, where it stands in its article, and what kind of excerpt it is. */
export const shapeFeatures: FeatureGroup<SentenceEvidence> = {
  name: "shape",
  features: [
    "shape.logWords",
    "shape.articleOpening",
    "shape.sectionOpening",
    "shape.pronounStart",
    "shape.metadata",
  ],
  compute({ candidate }) {
    const { view } = candidate;
    const firstOfSection = view.position === 0 && view.passage.id.endsWith("/1");
    return [
      Math.log(1 + view.words.length) / Math.log(64),
      view.sentence.index === 0 && view.passage.kind === "body" ? 1 : 0,
      firstOfSection && view.passage.kind === "body" ? 1 : 0,
      view.startsWithPronoun ? 1 : 0,
      view.passage.kind === "body" ? 0 : 1,
    ];
  },
};
