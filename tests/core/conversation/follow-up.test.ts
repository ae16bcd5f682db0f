import { join } from "node:path";
import { expect, it } from "vitest";
import { baselinesFor, evaluate, readEvalItems } from "../../../src/cli/evaluation.ts";
import { ConversationMemory, replyInConversation } from "../../../src/core/conversation/follow-up.ts";
import { loadEngine } from "../../../src/core/engine.ts";
import { readCorpusFiles } from "../../../src/core/ingest/corpus.ts";
import { multiArticleCorpusDir } from "../../support/engines.ts";
import { describeWithSharedData, projectRoot } from "../../support/paths.ts";

const corpusDir = multiArticleCorpusDir();
const { engine } = loadEngine({ corpusDir, cacheDir: null });
const minute = 60_000;

function ask(memory: ConversationMemory, conversation: string, message: string, at: number) {
  const reply = replyInConversation(engine, memory, conversation, message, at);
  if (reply.kind !== "answer") throw new Error(`expected an answer to "${message}", got small talk`);
  return reply;
}

describeWithSharedData("follow-up questions", () => {
  it("resolves a pronoun from the previous question and says how it was understood", () => {
    const memory = new ConversationMemory();
    ask(memory, "alice@general", "when was lal masjid built", 0);
    const reply = ask(memory, "alice@general", "when was it rebuilt?", minute);
    expect(reply.understoodAs).toBe("when was Lal Masjid rebuilt");
    expect(reply.answer.answer).toBe("2009");
  });

  it("resolves his/he to the person the previous answer named", () => {
    const memory = new ConversationMemory();
    ask(memory, "c", "who supervised the construction of the badshahi mosque", 0);
    const reply = ask(memory, "c", "what was he also known as", 1);
    expect(reply.understoodAs).toContain("Muzaffar Hussain");
    expect(reply.answer.excerpts[0]?.text).toContain("Fidai Khan Koka");
  });

  it("swaps the topic for an elliptical 'what about …'", () => {
    const memory = new ConversationMemory();
    ask(memory, "c", "when was lal masjid built", 0);
    const reply = ask(memory, "c", "what about the badshahi mosque?", 1);
    expect(reply.understoodAs).toBe("when was badshahi mosque built");
    expect(reply.answer.excerpts[0]?.article).toBe("Badshahi Mosque");
  });

  it("shows the next passages for 'tell me more' and what follows for 'what happened after that'", () => {
    const memory = new ConversationMemory();
    const first = ask(memory, "c", "how many policemen were killed in the 2008 bombing", 0);
    const more = ask(memory, "c", "tell me more", 1);
    expect(more.answer.answered).toBe(true);
    const firstIds = first.answer.excerpts.map((e) => e.passageId);
    for (const excerpt of more.answer.excerpts) expect(firstIds).not.toContain(excerpt.passageId);
    ask(memory, "d", "when did troops storm lal masjid", 0);
    const next = ask(memory, "d", "what happened after that", 1);
    expect(next.answer.excerpts[0]?.text).toContain("conflicting reports");
  });

  it("never carries context between users or past ten minutes", () => {
    const memory = new ConversationMemory();
    ask(memory, "alice@general", "when was lal masjid built", 0);
    expect(ask(memory, "bob@general", "when was it rebuilt", 1).understoodAs).toBeNull();
    expect(ask(memory, "alice@general", "when was it rebuilt", 11 * minute).understoodAs).toBeNull();
  });

  it("answers small talk without searching", () => {
    const memory = new ConversationMemory();
    expect(replyInConversation(engine, memory, "c", "thanks!", 0)).toEqual({
      kind: "small-talk",
      utterance: "thanks",
    });
  });

  it("answers the follow-up evaluation set well", () => {
    const items = readEvalItems(join(projectRoot, "tests/fixtures/follow-ups.jsonl"));
    const baseline = baselinesFor(readCorpusFiles(corpusDir).files);
    const { overall } = evaluate(engine, baseline, items);
    // Measured: 91% answer@1, 100% @3, declining 1 of the 3 unanswerable follow-ups.
    expect(overall.ours.answerAt1).toBeGreaterThanOrEqual(0.88);
    expect(overall.ours.answerAt3).toBeGreaterThanOrEqual(0.95);
    expect(overall.ours.abstention).toBeGreaterThanOrEqual(0.3);
  });
});
