import { describe, expect, it } from "vitest";
import { SentenceViews } from "../../../src/core/answer/sentence-view.ts";
import { defaultEngine } from "../../support/engines.ts";

describe("sentence views of retrieved passages", () => {
  const { engine } = defaultEngine();
  const article = engine.articles[0];
  if (article === undefined) throw new Error("the project's corpus has no article");
  const [first, second, third] = article.passages;
  if (third === undefined || second === undefined || first === undefined)
    throw new Error("the seed article has fewer than three passages");

  it("prepares a passage's sentences once and reuses them", () => {
    const views = new SentenceViews(() => "");
    const once = views.of(first, article);
    expect(once.map((view) => view.sentence.text)).toEqual(first.sentences.map((sentence) => sentence.text));
    expect(views.of(first, article)).toBe(once);
  });

  it("keeps at most its capacity, dropping the least recently used passage", () => {
    const views = new SentenceViews(() => "", 2);
    const firstViews = views.of(first, article);
    const secondViews = views.of(second, article);
    expect(views.of(first, article)).toBe(firstViews); // first is now the most recent
    views.of(third, article);
    expect(views.size).toBe(2);
    expect(views.of(first, article)).toBe(firstViews);
    expect(views.of(second, article)).not.toBe(secondViews); // evicted, so prepared again
  });
});
