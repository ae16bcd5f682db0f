import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable, Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { runLocalChat } from "../../src/cli/chat.ts";
import { writeSyntheticCorpus } from "../../src/cli/synthetic-corpus.ts";
import { EngineBuild } from "../../src/core/background-build.ts";
import { CorpusError } from "../../src/core/ingest/corpus.ts";
import { generateQuiz } from "../../src/core/study/quiz.ts";
import { hashSeed } from "../../src/core/study/random.ts";
import { corpusCopyDir, defaultEngine } from "../support/engines.ts";
import { defaultCorpusDir } from "../support/paths.ts";

const { engine } = defaultEngine();
const bot = { name: "study-bot", version: "9.9.9" };
const letters = ["A", "B", "C", "D"];

/** Everything the chat writes for these input lines, read from a real stream as piped input is. */
async function chat(lines: string[], quizSeed = 1): Promise<string> {
  let written = "";
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      written += chunk.toString();
      done();
    },
  });
  await runLocalChat(engine, { bot, input: Readable.from([`${lines.join("\n")}\n`]), output, quizSeed });
  return written;
}

describe("the terminal chat's conversation", () => {
  it("answers a question, then a follow-up with the line saying how it was understood", async () => {
    const out = await chat(["when was lal masjid built", "when was it rebuilt?"]);
    expect(out).toContain("Answer: **1965**");
    expect(out).toContain("rebuilt in **2009**");
    expect(out).toContain("(understood as: when was Lal Masjid rebuilt)");
  });

  it("asks a lone 'when?' about the previous question's event", async () => {
    const out = await chat(["how many people did the bomb kill", "when?"]);
    expect(out).toContain("(understood as: when did the bomb kill people)");
  });

  it("replies to small talk without searching, and to 'what can you do' with the help", async () => {
    const out = await chat(["hi", "good morning!", "thanks!", "what can you do", "who made you"]);
    expect(out).not.toContain("mourning");
    expect(out).not.toContain("The articles don't say");
    expect(out).toContain("Hi! Ask me anything about Lal Masjid");
    expect(out).toContain("You're welcome!");
    expect(out).toContain("/quiz [count] [article or section]");
    expect(out).toContain("study-bot v9.9.9");
  });

  it("shows what follows for 'what happened after that', and says when nothing does", async () => {
    const next = await chat(["when did troops storm lal masjid", "what happened after that"]);
    expect(next).toContain("conflicting reports");
    expect(next).toContain("(understood as: what happened after: when did troops storm lal masjid)");
    // The library sentence is the article's last.
    const end = await chat(["what did abdul aziz name the library after", "what happened after that"]);
    expect(end).toContain("The article says nothing after that.");
  });

  it("shows new passages for 'tell me more'", async () => {
    const question = "how many policemen were killed in the 2008 bombing";
    const first = await chat([question]);
    const both = await chat([question, "tell me more"]);
    expect(both.startsWith(first)).toBe(true);
    const more = both.slice(first.length);
    const ids = (text: string) => [...text.matchAll(/\((lal-masjid\/[^)]+)\)/gu)].map((match) => match[1]);
    expect(more).toContain("(understood as: more about: how many policemen were killed in the 2008 bombing)");
    expect(ids(more).length).toBeGreaterThan(0);
    for (const id of ids(more)) expect(ids(first)).not.toContain(id);
  });

  it("ignores empty lines and stops reading at /quit", async () => {
    const out = await chat(["", "   ", "when was lal masjid built", "", "/quit", "when was it rebuilt"]);
    expect(out.startsWith("Answer: **1965**")).toBe(true);
    expect(out).not.toContain("2009");
  });
});

describe("the terminal chat's commands, mirroring the slash commands", () => {
  it("/search lists matching passages with their ids", async () => {
    const out = await chat(["/search bomb exploded"]);
    expect(out).toMatch(/^Passages matching “bomb exploded”/u);
    expect(out).toContain(
      "1. lal-masjid/july-2008-bombing-near-lal-masjid/1 · Lal Masjid › July 2008 bombing",
    );
    expect(out).toContain("/passage <id> shows one in full.");
  });

  it("/passage shows a passage in full with its neighbours, or suggests ids close to an unknown one", async () => {
    const out = await chat(["/passage LAL-MASJID/HISTORY/1", "/passage lal-masjid/history/9"]);
    expect(out).toContain("Lal Masjid › History (lal-masjid/history/1)");
    expect(out).toContain("The Red Mosque located on Masjid (mosque) Road is one of the oldest mosques");
    expect(out).toContain("previous: lal-masjid/lead/1 · next: lal-masjid/history/2");
    expect(out).toContain("There is no passage “lal-masjid/history/9”");
    expect(out).toContain("Did you mean lal-masjid/history/1, lal-masjid/history/2, lal-masjid/history/3?");
  });

  it("/sections lists each section with its passage count and first id", async () => {
    const out = await chat(["/sections", "/sections lal masjid", "/sections atlantis"]);
    expect(out).toContain("Siege · 7 passages · from lal-masjid/siege/1");
    expect(out.match(/Siege · 7 passages/gu)).toHaveLength(2);
    expect(out).toContain("There is no article called “atlantis”.");
  });

  it("/timeline lists the dated events earliest first, each with its source", async () => {
    const out = await chat(["/timeline"]);
    expect(out).toMatch(/^Timeline of the articles \(\d+ events\):/u);
    expect(out.indexOf("1965 — It was built in 1965")).toBeGreaterThan(0);
    expect(out.indexOf("1965 —")).toBeLessThan(out.indexOf("July 3, 2007 —"));
    expect(out.indexOf("July 3, 2007 —")).toBeLessThan(out.indexOf("2009 —"));
    expect(out).toContain("— Lal Masjid › History (lal-masjid/history/2)");
  });

  it("/about names the sources, licences and version; /help the commands; an unknown command says so", async () => {
    const out = await chat(["/about", "/help", "/frobnicate"]);
    expect(out).toContain(
      "source: https://en.wikipedia.org/wiki/Lal_Masjid,_Islamabad · licence: CC BY-SA 4.0",
    );
    expect(out).toContain("study-bot v9.9.9");
    for (const command of ["/search", "/passage", "/sections", "/timeline", "/quiz", "/about", "/quit"])
      expect(out).toContain(`  ${command}`);
    expect(out).toContain("I don't know /frobnicate. /help lists the commands.");
  });
});

describe("a quiz in the terminal", () => {
  const seed = 5;
  /** The questions the chat's first quiz asks: the same generator, with the seed of the session's first quiz. */
  const quizOf = (count: number) => generateQuiz(engine.articles, { count, seed: hashSeed(seed, 1) });

  it("takes A–D typed answers, reveals each one with its source and gives the score at the end", async () => {
    const questions = quizOf(3);
    const [right1, right2, wrong] = questions.map((question) => question.correctIndex);
    const out = await chat(
      [
        "/quiz 3",
        letters[right1 as number] as string,
        "maybe",
        (letters[right2 as number] as string).toLowerCase(),
        letters[((wrong as number) + 1) % 4] as string,
        "when was lal masjid built",
      ],
      seed,
    );
    expect(out).toContain(`Question 1 of 3: fill in the blank\n  ${questions[0]?.prompt}`);
    expect(out).toContain("Type A, B, C or D to answer, or /stop to end the quiz.");
    expect(out.match(/✅ Correct/gu)).toHaveLength(2);
    expect(out).toContain(`❌ Not quite: the answer is ${letters[wrong as number]}. ${questions[2]?.answer}`);
    expect(out).toContain(
      `— Lal Masjid › ${questions[0]?.citation.section} (${questions[0]?.citation.passageId})`,
    );
    expect(out).toContain("Quiz finished: 2 of 3 correct");
    // After the quiz, questions are answered again.
    expect(out).toContain("Answer: **1965**");
  });

  it("asks about one section when named, and summarises a quiz stopped early", async () => {
    const out = await chat(["/quiz siege 2", "A", "/stop", "/stop"], seed);
    const cited = [...out.matchAll(/\((lal-masjid\/[^/]+)\/\d+\)/gu)].map((match) => match[1]);
    expect(cited.length).toBeGreaterThan(0);
    expect(new Set(cited)).toEqual(new Set(["lal-masjid/siege"]));
    expect(out).toMatch(/Quiz finished: [01] of 1 correct \(stopped after 1\)/u);
    expect(out).toContain("No quiz is running. /quiz starts one.");
  });

  it("summarises a quiz left unanswered when the input ends, and refuses a count out of range", async () => {
    expect(await chat(["/quiz 2"], seed)).toContain("Quiz finished: 0 of 0 correct (stopped after 0)");
    expect(await chat(["/quiz 11"])).toContain("A quiz has from 1 to 10 questions");
    expect(await chat(["/quiz atlantis"])).toContain("There is no article or section called “atlantis”");
  });
});

describe("the terminal chat while the index is first built", () => {
  /** The project's article plus enough generated ones that building takes a second or more. */
  function largeCorpus(): string {
    const dir = corpusCopyDir(defaultCorpusDir);
    writeSyntheticCorpus(dir, { articles: 300, seed: 5 });
    return dir;
  }
  const question = "who was appointed the first imam of lal masjid";

  it("in a terminal, says the index is being built, then answers once it is", async () => {
    const build = new EngineBuild({ corpusDir: largeCorpus(), cacheDir: null });
    const input = Object.assign(new PassThrough(), { isTTY: true });
    let written = "";
    const output = Object.assign(
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          written += chunk.toString();
          done();
        },
      }),
      { isTTY: true },
    );
    const chatting = runLocalChat(build, { bot, input, output, quizSeed: 1 });

    input.write(`${question}\n`);
    await until(() => written.includes("try again in a minute"));
    expect(written).toMatch(/The index is being built \(\d{1,2}%\); try again in a minute\./u);
    expect(build.current).toBeNull();
    await build.finished;
    await until(() => written.includes("Ask about:"));
    input.write(`${question}\n`);
    await until(() => written.includes("Maulana Muhammad Abdullah"));
    input.end("/quit\n");
    await chatting;
  });

  it("with piped input, waits for the index and answers every line", async () => {
    const build = new EngineBuild({ corpusDir: largeCorpus(), cacheDir: null });
    let written = "";
    const output = new Writable({
      write(chunk: Buffer, _encoding, done) {
        written += chunk.toString();
        done();
      },
    });

    await runLocalChat(build, { bot, input: Readable.from([`${question}\n`]), output, quizSeed: 1 });

    expect(written).not.toContain("being built");
    expect(written).toContain("Maulana Muhammad Abdullah");
  });

  it("ends with the build's error when no article turns out readable", async () => {
    const dir = mkdtempSync(join(tmpdir(), "unreadable-corpus-"));
    // Two headings without text: readable files, found to hold no sentence only once the build ingests them.
    writeFileSync(join(dir, "title.md"), "# Title\n");
    writeFileSync(join(dir, "history.md"), "## History\n");
    const build = new EngineBuild({ corpusDir: dir, cacheDir: null });
    const output = new Writable({ write: (_chunk, _encoding, done) => done() });

    await expect(
      runLocalChat(build, { bot, input: Readable.from(["when was it built\n"]), output }),
    ).rejects.toThrow(CorpusError);
  });
});

/** Resolves once `holds` is true, checking every 10 ms for up to 10 s. */
async function until(holds: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!holds()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
