import { describe, expect, it } from "vitest";
import { classifyUtterance, type Utterance } from "../../../src/core/conversation/small-talk.ts";

/** A small labelled set: small talk must be answered without searching, and questions never mistaken for it. */
const labelled: Array<[string, Utterance]> = [
  ["hi", "greeting"],
  ["Hello!", "greeting"],
  ["hey there", "greeting"],
  ["good morning everyone", "greeting"],
  ["salaam", "greeting"],
  ["how are you?", "greeting"],
  ["yo bot", "greeting"],
  ["thanks", "thanks"],
  ["thank you so much!", "thanks"],
  ["thx", "thanks"],
  ["cheers, that was helpful", "thanks"],
  ["ok thanks", "thanks"],
  ["bye", "farewell"],
  ["goodnight all", "farewell"],
  ["what can you do?", "capabilities"],
  ["what do you know", "capabilities"],
  ["how do I use this", "capabilities"],
  ["help", "capabilities"],
  ["what can i ask", "capabilities"],
  ["who are you", "capabilities"],
  ["who made you?", "creator"],
  ["who created you", "creator"],
  ["who is your developer", "creator"],
  ["hello, when was lal masjid built?", "question"],
  ["thanks! who built it?", "question"],
  ["who made lal masjid", "question"],
  ["who built the badshahi mosque", "question"],
  ["what happened in 2007", "question"],
  ["hi what does khateeb mean", "question"],
  ["tell me more", "question"],
  ["more", "question"],
  ["what is the capital of france", "question"],
  ["how many people were killed", "question"],
  ["who is rehman malik", "question"],
  ["good", "question"],
  ["thank god it was rebuilt?", "question"],
  ["what are the categories", "question"],
  ["help me understand the siege", "question"],
  ["when was it rebuilt", "question"],
  ["morning prayers at lal masjid", "question"],
];

describe("small-talk routing", () => {
  it("labels the set with at least 95% accuracy", () => {
    const wrong = labelled.filter(([message, label]) => classifyUtterance(message) !== label);
    const accuracy = 1 - wrong.length / labelled.length;
    expect(wrong).toEqual([]);
    expect(accuracy).toBeGreaterThanOrEqual(0.95);
  });

  it("never treats a message with a real question in it as small talk", () => {
    for (const message of ["hey, who assassinated maulana abdullah?", "thanks, and when was it rebuilt?"]) {
      expect(classifyUtterance(message)).toBe("question");
    }
  });
});
