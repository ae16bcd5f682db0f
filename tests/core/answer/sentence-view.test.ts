import { describe, expect, it } from "vitest";
import { SentenceViews } from "../../../src/core/answer/sentence-view.ts";
import { defaultEngine } from "../../support/engines.ts";
import { ingestText } from "../../support/ingest.ts";

describe("sentence views of retrieved passages", () => {
  const { engine } = defaultEngine();
  const article = engine.articles[0];
  if (article === undefined) throw new Error("the project's corpus has no article");
  const [first, second, third] = article.passages;
  if (third === undefined || second === undefined || first === undefined)
    throw new Error("the seed article has fewer than three passages");

  it("keeps a passage's views from its second use on, and reuses them", () => {
    const views = new SentenceViews(() => "");
    const once = views.of(first, article);
    expect(once.map((view) => view.sentence.text)).toEqual(first.sentences.map((sentence) => sentence.text));
    expect(views.size).toBe(0); // used once: not kept
    const kept = views.of(first, article);
    expect(kept).not.toBe(once);
    expect(views.of(first, article)).toBe(kept);
  });

  it("keeps at most its capacity, dropping the least recently used passage", () => {
    const views = new SentenceViews(() => "", 2);
    const twice = (passage: typeof first) => {
      views.of(passage, article);
      return views.of(passage, article);
    };
    const firstViews = twice(first);
    const secondViews = twice(second);
    expect(views.of(first, article)).toBe(firstViews); // first is now the most recent
    twice(third);
    expect(views.size).toBe(2);
    expect(views.of(first, article)).toBe(firstViews);
    expect(views.of(second, article)).not.toBe(secondViews); // evicted, so prepared again
  });

  it("tells the terms of a passage's other sentences from the sentence's own", () => {
    const passage = article.passages.find((p) => p.sentences.length >= 2);
    if (passage === undefined) throw new Error("no passage of two sentences");
    const views = new SentenceViews(() => "").of(passage, article);
    const [one, two] = views;
    if (one === undefined || two === undefined) throw new Error("fewer than two views");
    const onlyIn = (view: typeof one) =>
      [...view.terms].find((term) => views.every((other) => other === view || !other.terms.has(term)));
    const onlyInOne = onlyIn(one);
    const onlyInTwo = onlyIn(two);
    if (onlyInOne === undefined || onlyInTwo === undefined) throw new Error("no term of one sentence alone");
    expect(one.neighbourTerms.has(onlyInTwo)).toBe(true);
    expect(one.neighbourTerms.has(onlyInOne)).toBe(false);
    expect(two.neighbourTerms.has(onlyInOne)).toBe(true);
    expect(two.neighbourTerms.has(onlyInTwo)).toBe(false);
  });
});

describe("the sentence view of a nested list item", () => {
  it("reads the item it hangs under as its heading, beside the section's", () => {
    const notes = ingestText(
      "# Railroad\n\n## Sierra Nevada\n\n- Summit Tunnel: 1,659 ft through granite\n  - took around 2 years to finish\n- winter of 1866: 44 snowstorms\n",
      "notes.md",
      "notes",
    );
    const [passage] = notes.passages;
    if (passage === undefined) throw new Error("the notes have no passage");
    const views = new SentenceViews((each) => each.sectionHeading).of(passage, notes);
    const byText = (start: string) => views.find((view) => view.sentence.text.startsWith(start));
    const nested = byText("Took around");
    expect(nested?.headingTerms.has("tunnel")).toBe(true);
    expect(nested?.headingTerms.has("sierra")).toBe(true);
    // An item at the margin reads its section's heading alone.
    expect(byText("Winter of 1866")?.headingTerms.has("tunnel")).toBe(false);
  });
});
