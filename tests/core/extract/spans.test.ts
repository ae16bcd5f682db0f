import { describe, expect, it } from "vitest";
import { chooseSpan, fitsExpectedKind } from "../../../src/core/extract/short-answer.ts";
import { MAX_SPAN_WORDS, spanCandidates } from "../../../src/core/extract/span-candidates.ts";
import { spanContext, spanFeatures, spanKind } from "../../../src/core/extract/span-features.ts";
import type { SentenceEvidence } from "../../../src/core/features/evidence.ts";
import { examineQuestion } from "../../../src/core/features/examine.ts";
import { defaultEngine } from "../../support/engines.ts";

const { engine } = defaultEngine();

function evidenceFor(question: string, text: string): SentenceEvidence {
  const found = examineQuestion(engine.context, question).evidence.find((e) =>
    e.candidate.view.sentence.text.includes(text),
  );
  if (!found) throw new Error(`no candidate sentence contains "${text}"`);
  return found;
}

const feature = (evidence: SentenceEvidence, spanText: string, name: string) => {
  const context = spanContext(evidence);
  const span = spanCandidates(evidence.candidate.view).find((s) => s.text === spanText);
  if (!span) throw new Error(`no span "${spanText}"`);
  return spanFeatures.compute({ span, context })[spanFeatures.features.indexOf(name)];
};

describe("short-answer spans", () => {
  it("offers stretches of up to seven words that neither start nor end on a function word", () => {
    const evidence = evidenceFor("when was lal masjid built", "It was built in 1965");
    const spans = spanCandidates(evidence.candidate.view);
    const texts = spans.map((span) => span.text);
    expect(texts).toContain("1965");
    expect(texts).toContain("red walls");
    expect(texts.some((text) => /^(?:the|of|and|in) /u.test(text) || / (?:the|of|and|in)$/u.test(text))).toBe(
      false,
    );
    for (const span of spans) expect(span.lastWord - span.firstWord).toBeLessThanOrEqual(MAX_SPAN_WORDS);
  });

  it("knows a date from a name, and the number of a count without the noun it counts", () => {
    const evidence = evidenceFor("how many policemen were killed in the 2008 bombing", "18 policemen");
    const context = spanContext(evidence);
    const byText = (text: string) => spanCandidates(evidence.candidate.view).find((s) => s.text === text);
    expect(spanKind(byText("18") as never, context)).toBe("number");
    expect(spanKind(byText("Lal Masjid") as never, context)).toBe("name");
    expect(feature(evidence, "18", "span.exactNumber")).toBe(1);
    expect(feature(evidence, "18 policemen", "span.exactNumber")).toBe(0);
  });

  it("marks spans made only of the question's own words", () => {
    const evidence = evidenceFor("when was lal masjid built", "It was built in 1965");
    expect(feature(evidence, "built", "span.allQuestionWords")).toBe(1);
    expect(feature(evidence, "1965", "span.allQuestionWords")).toBe(0);
  });

  it("picks the date as the short answer of a when-question, and never the question's own words", () => {
    const evidence = evidenceFor("when was lal masjid built", "It was built in 1965");
    const choice = chooseSpan(evidence, engine.model.span);
    expect(choice?.span.text).toBe("1965");
    expect(choice && fitsExpectedKind(choice, "date", evidence.candidate.view.passage.kind)).toBe(true);
  });

  it("shows no short answer from a list of categories, whose dates answer no question's words", () => {
    const evidence = evidenceFor("when did the siege start", "Mosques completed in 1965");
    expect(evidence.candidate.view.passage.kind).toBe("categories");
    const choice = chooseSpan(evidence, engine.model.span);
    expect(choice?.span.text).toBe("1965");
    expect(choice && fitsExpectedKind(choice, "date", "categories")).toBe(false);
    expect(choice && fitsExpectedKind(choice, "date", "body")).toBe(true);
    expect(choice && fitsExpectedKind(choice, "count", "body")).toBe(false);
  });
});
