import { describe, expect, it } from "vitest";
import { askAboutSameEvent } from "../../../src/core/conversation/same-event.ts";

/** [previous question, its short answer, the lone question word, the question a person would write]. */
type Case = [string, string | null, string, string];

function expectRewrites(cases: readonly Case[]): void {
  const rewritten = cases.map(([previous, answer, wh]) => askAboutSameEvent(wh, previous, answer));
  expect(rewritten).toEqual(cases.map(([, , , expected]) => expected));
}

describe("a lone question word asks about the previous question's event", () => {
  it("puts a counted noun back where the verb wants it", () => {
    const cases: Case[] = [
      ["how many people did the bomb kill", null, "when", "when did the bomb kill people"],
      [
        "how many policemen were killed in the 2008 bombing",
        null,
        "when",
        "when were policemen killed in the 2008 bombing",
      ],
      ["how many people died in the siege", null, "when", "when did people die in the siege"],
      ["how many people did the bomb kill", null, "who", "who did the bomb kill"],
    ];
    expectRewrites(cases);
  });

  it("puts the previous answer, or a pronoun, where the asked-about participant stood", () => {
    const cases: Case[] = [
      ["what did abdul aziz build", null, "where", "where did abdul aziz build it"],
      ["what did abdul aziz build", "a small library", "where", "where did abdul aziz build a small library"],
      [
        "who was appointed imam",
        "Maulana Muhammad Abdullah",
        "when",
        "when was Maulana Muhammad Abdullah appointed imam",
      ],
      ["who was appointed imam", null, "when", "when were they appointed imam"],
      ["what happened in 2007", null, "where", "where did it happen in 2007"],
      ["who took over the mosque", null, "when", "when did they take over the mosque"],
    ];
    expectRewrites(cases);
  });

  it("asks about a done-to thing in the passive, and for its doer in the active", () => {
    const cases: Case[] = [
      ["who built Lal Masjid", null, "why", "why was Lal Masjid built"],
      [
        "which emperor commissioned the badshahi mosque",
        "Aurangzeb",
        "when",
        "when was the badshahi mosque commissioned",
      ],
      [
        "who supervised the construction of the badshahi mosque",
        null,
        "where",
        "where was the construction of the badshahi mosque supervised",
      ],
      ["when was lal masjid built", "1965", "who", "who built lal masjid"],
      ["when was it taken over", null, "who", "who took it over"],
    ];
    expectRewrites(cases);
  });

  it("swaps the question word of a question already about the event", () => {
    const cases: Case[] = [
      ["when did troops storm lal masjid", "July 10, 2007", "why", "why did troops storm lal masjid"],
      ["when was lal masjid built?", "1965", "why", "why was lal masjid built"],
      ["in what year was it built", "1965", "how", "how was it built"],
      ["what year did troops storm the mosque", "2007", "why", "why did troops storm the mosque"],
      ["was it rebuilt?", null, "when", "when was it rebuilt"],
      ["what was the siege of lal masjid", null, "when", "when was the siege of lal masjid"],
    ];
    expectRewrites(cases);
  });

  it("finds no event in a question about a person, a state or a measure", () => {
    expect(askAboutSameEvent("when", "who was abdul rashid", "Abdul Rashid")).toBeNull();
    expect(askAboutSameEvent("when", "what is lal masjid", null)).toBeNull();
    expect(askAboutSameEvent("why", "how old is lal masjid", null)).toBeNull();
    expect(askAboutSameEvent("when", "tell me about the siege", null)).toBeNull();
  });
});
