import { describe, expect, it } from "vitest";
import { takeTurn } from "../../src/discord/turns.ts";

/** Answers each question after `wait`, then queues its reply as sending does: for a later turn. */
async function answerAll(questions: string[], wait: () => Promise<void>): Promise<string[]> {
  const events: string[] = [];
  await Promise.all(
    questions.map(async (question) => {
      await wait();
      events.push(`answer ${question}`);
      setImmediate(() => events.push(`reply ${question}`));
    }),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return events;
}

describe("turns for answers in a burst", () => {
  it("sends each reply before the next question is answered, in the order the questions came", async () => {
    expect(await answerAll(["a", "b", "c"], takeTurn)).toEqual([
      "answer a",
      "reply a",
      "answer b",
      "reply b",
      "answer c",
      "reply c",
    ]);
  });

  it("would otherwise answer the whole burst before the first reply leaves", async () => {
    expect(await answerAll(["a", "b", "c"], async () => {})).toEqual([
      "answer a",
      "answer b",
      "answer c",
      "reply a",
      "reply b",
      "reply c",
    ]);
  });
});
