import { describe, expect, it } from "vitest";
import { checkQuestion } from "../../src/discord/questions.ts";

describe("checking a question typed on Discord", () => {
  it("drops mentions and custom emoji, which are no words of the question, and reads a timestamp as its day", () => {
    expect(
      checkQuestion(
        "<@1200000000000000003> <@!12> <@&34> in <#56> when was it built <:hmm:78> <a:spin:90>",
        500,
      ),
    ).toEqual({ ok: true, question: "in when was it built" });
    expect(checkQuestion("what happened on <t:1183852800:D> @here", 500)).toEqual({
      ok: true,
      question: "what happened on 8 July 2007",
    });
  });

  it("keeps what only looks like markup, and angle brackets in plain text", () => {
    expect(checkQuestion("is 3 < 5 and <b> bold?", 500)).toEqual({
      ok: true,
      question: "is 3 < 5 and <b> bold?",
    });
  });

  it("refuses a message of mentions alone as empty, and a long one as too long", () => {
    expect(checkQuestion("<@1200000000000000003>  <@&34>", 500)).toEqual({
      ok: false,
      problem: { kind: "empty" },
    });
    expect(checkQuestion("x".repeat(501), 500)).toEqual({
      ok: false,
      problem: { kind: "too-long", length: 501, max: 500 },
    });
  });
});
