import { createInterface } from "node:readline";
import { EngineBuild } from "../core/background-build.ts";
import { ConversationMemory, replyInConversation } from "../core/conversation/follow-up.ts";
import type { QaEngine } from "../core/engine.ts";
import { lookUpPassage, resolveStudyScope, type StudyScope } from "../core/lookup.ts";
import { generateQuiz, type QuizQuestion, quizLength } from "../core/study/quiz.ts";
import { hashSeed } from "../core/study/random.ts";
import { buildTimeline } from "../core/study/timeline.ts";
import type { BotIdentity } from "../discord/format/library.ts";
import {
  choiceLetters,
  formatAboutChat,
  formatChatHelp,
  formatChatSmallTalk,
  formatContents,
  formatIndexBuilding,
  formatNoQuizQuestions,
  formatNothingMore,
  formatPassageInFull,
  formatQuizQuestion,
  formatQuizReveal,
  formatQuizSummary,
  formatScopeProblem,
  formatSearchResults,
  formatTimeline,
  formatUnderstoodAs,
  formatUnknownPassage,
} from "./chat-format.ts";
import { ansiStyle, formatAnswerForTerminal, plainStyle, type TerminalStyle } from "./terminal-format.ts";

/**
 * The local face of the product: a terminal chat over the same engine and the same conversation layer as the
 * Discord bot (small talk, follow-ups, "tell me more", "what happened after that", "understood as"), with
 * commands mirroring the slash commands. With piped input it answers every line and returns at the end.
 */

/** Where the chat reads and writes, and what it says about itself. */
export interface LocalChatOptions {
  /** Name and version, for `/about` and "who made you". */
  bot: BotIdentity;
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream & { isTTY?: boolean };
  /** Seed of the session's quizzes (each quiz folds in its number); by default the start time, so runs differ. */
  quizSeed?: number;
}

/** Search results shown at once; the rest are counted. */
const searchResultsShown = 10;
/** The one conversation of a terminal: one person, one "channel". */
const conversation = "terminal";

/** A quiz being taken: its questions and the choice made for each one answered so far. */
interface QuizInProgress {
  scope: string | null;
  questions: QuizQuestion[];
  chosen: number[];
}

/** The engine, or null while it is built, with the share of that build done (0–1). */
interface EngineSource {
  readonly current: QaEngine | null;
  readonly fraction: number;
}

/** What a line asks of the chat: a reply to show, and whether the chat ends. */
interface Outcome {
  reply: string | null;
  quit?: boolean;
}

/** The state of one chat session and what each line does to it. */
class ChatSession {
  private readonly memory = new ConversationMemory();
  private quiz: QuizInProgress | null = null;
  /** Ids of the session's quiz questions, asked again only when a scope has no others. */
  private readonly askedInQuizzes: string[] = [];
  private quizzesStarted = 0;

  constructor(
    private readonly source: EngineSource,
    private readonly bot: BotIdentity,
    private readonly style: TerminalStyle,
    private readonly quizSeed: number,
  ) {}

  get prompt(): string {
    return this.quiz === null ? "ask> " : "answer (A–D)> ";
  }

  /** The engine; only read once {@link handle} has checked it is built. */
  private get engine(): QaEngine {
    return this.source.current as QaEngine;
  }

  handle(line: string): Outcome {
    const text = line.trim();
    if (text === "") return { reply: null };
    const [command = "", ...words] = text.split(/\s+/u);
    if (command.toLowerCase() === "/quit") return { reply: this.finishQuiz(), quit: true };
    if (this.source.current === null) return { reply: formatIndexBuilding(this.source.fraction) };
    if (this.quiz !== null) return { reply: this.answerQuiz(text) };
    if (text.startsWith("/")) return { reply: this.runCommand(command.toLowerCase(), words.join(" ")) };
    return { reply: this.converse(text) };
  }

  /** The summary of a quiz left unfinished when the chat ends, or null. */
  finishQuiz(): string | null {
    if (this.quiz === null) return null;
    const { questions, chosen } = this.quiz;
    this.quiz = null;
    return formatQuizSummary(questions, chosen, this.style);
  }

  private runCommand(command: string, argument: string): string {
    const { engine, style } = this;
    switch (command) {
      case "/help":
        return formatChatHelp(engine.articles, style);
      case "/about":
        return formatAboutChat(engine.articles, this.bot, style);
      case "/sections":
        return this.withScope(argument, (scope) =>
          formatContents(
            engine.articles.filter(
              (article) => scope.articleId === undefined || article.id === scope.articleId,
            ),
            style,
          ),
        );
      case "/timeline":
        return this.withScope(argument, (scope) =>
          formatTimeline(scope.label, buildTimeline(engine.articles, { articleId: scope.articleId }), style),
        );
      case "/search": {
        if (argument === "") return "Type the words to look for after /search.";
        const hits = engine.search(argument);
        return formatSearchResults(argument, hits.slice(0, searchResultsShown), hits.length, style);
      }
      case "/passage": {
        if (argument === "")
          return "Type a passage id after /passage (/sections shows where each section starts).";
        const lookup = lookUpPassage(engine, argument);
        return lookup.found === null
          ? formatUnknownPassage(argument, lookup.suggestions)
          : formatPassageInFull(lookup.found, style);
      }
      case "/quiz":
        return this.startQuiz(argument);
      case "/stop":
        return "No quiz is running. /quiz starts one.";
      default:
        return `I don't know ${command}. /help lists the commands.`;
    }
  }

  /** Runs `show` on the article an argument names (every article when it is empty), or says it names none. */
  private withScope(argument: string, show: (scope: StudyScope) => string): string {
    const scope = resolveStudyScope(this.engine.articles, argument === "" ? null : argument, null);
    return "problem" in scope ? formatScopeProblem(scope) : show(scope);
  }

  /**
   * `/quiz [count] [article or section]`: the count may come first or last; the rest names an article, else a
   * section of any article.
   */
  private startQuiz(argument: string): string {
    const words = argument.split(/\s+/u).filter((word) => word !== "");
    const countAt = words.findIndex((word, i) => /^\d+$/u.test(word) && (i === 0 || i === words.length - 1));
    const count = countAt < 0 ? quizLength.usual : Number(words[countAt]);
    if (count < quizLength.min || count > quizLength.max) {
      return `A quiz has from ${quizLength.min} to ${quizLength.max} questions, e.g. /quiz 3`;
    }
    const named = words.filter((_, i) => i !== countAt).join(" ");
    const asArticle = resolveStudyScope(this.engine.articles, named === "" ? null : named, null);
    const scope = "problem" in asArticle ? resolveStudyScope(this.engine.articles, null, named) : asArticle;
    if ("problem" in scope) return formatScopeProblem(scope);
    this.quizzesStarted++;
    const questions = generateQuiz(this.engine.articles, {
      articleId: scope.articleId,
      sectionSlug: scope.sectionSlug,
      count,
      seed: hashSeed(this.quizSeed, this.quizzesStarted),
      avoid: this.askedInQuizzes,
    });
    const [first] = questions;
    if (!first) return formatNoQuizQuestions(scope.label);
    this.askedInQuizzes.push(...questions.map((question) => question.id));
    this.quiz = { scope: scope.label, questions, chosen: [] };
    return formatQuizQuestion(first, 0, questions.length, scope.label, this.style);
  }

  /** A line typed during a quiz: a letter answers the open question; `/stop` ends the quiz. */
  private answerQuiz(text: string): string {
    const quiz = this.quiz as QuizInProgress;
    if (text.toLowerCase() === "/stop") return this.finishQuiz() as string;
    const letter = /^([a-d])[.)]?$/iu.exec(text)?.[1]?.toUpperCase();
    const choice = (choiceLetters as readonly string[]).indexOf(letter ?? "");
    const question = quiz.questions[quiz.chosen.length];
    if (question === undefined || choice < 0) {
      return "Type A, B, C or D to answer, or /stop to end the quiz.";
    }
    quiz.chosen.push(choice);
    const reveal = formatQuizReveal(question, choice, this.style);
    const next = quiz.questions[quiz.chosen.length];
    if (next === undefined) return `${reveal}\n\n${this.finishQuiz()}`;
    return `${reveal}\n\n${formatQuizQuestion(next, quiz.chosen.length, quiz.questions.length, quiz.scope, this.style)}`;
  }

  /** A message that is no command: small talk, a follow-up or a question, answered as Discord answers it. */
  private converse(text: string): string {
    const { engine, style } = this;
    const reply = replyInConversation(engine, this.memory, conversation, text, Date.now());
    if (reply.kind === "small-talk")
      return formatChatSmallTalk(reply.utterance, engine.articles, this.bot, style);
    if (reply.continuation !== null && !reply.answer.answered)
      return formatNothingMore(reply.continuation, style);
    const answer = formatAnswerForTerminal(reply.answer, style);
    return reply.understoodAs === null
      ? answer
      : `${answer}\n${formatUnderstoodAs(reply.understoodAs, style)}`;
  }
}

/**
 * Runs the chat until `/quit`, Ctrl-D or the end of piped input. Each line is a question, a follow-up, small
 * talk or a command; an empty line is ignored. `engine` may still be building: typed lines then get a
 * "being built" notice, while piped input waits for it (a script wants answers, not a notice). When the
 * build fails, the chat ends and rejects with the build's error.
 */
export async function runLocalChat(engine: QaEngine | EngineBuild, options: LocalChatOptions): Promise<void> {
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  const interactive = output.isTTY === true && (input as { isTTY?: boolean }).isTTY === true;
  const style = output.isTTY === true ? ansiStyle : plainStyle;
  const source: EngineSource = engine instanceof EngineBuild ? engine : { current: engine, fraction: 1 };
  const session = new ChatSession(source, options.bot, style, options.quizSeed ?? Date.now());
  const lines = createInterface({ input, output: interactive ? output : undefined, terminal: interactive });
  const prompt = () => {
    if (interactive) output.write(style.dim(`\n${session.prompt}`));
  };
  const introduce = (built: QaEngine) => {
    const titles = built.articles.map((article) => article.title).join(", ");
    output.write(`Ask about: ${titles}. /help lists the commands; /quit or Ctrl-D leaves.\n`);
  };
  let failure: unknown = null;
  const finished = engine instanceof EngineBuild ? engine.finished : Promise.resolve({ engine });
  const built = finished.then(
    (loaded) => loaded.engine,
    (error: unknown) => {
      failure = error;
      lines.close();
      return null;
    },
  );
  if (interactive) {
    if (source.current === null) {
      output.write("The index is being built; questions are answered as soon as it is ready.\n");
      void built.then((ready) => {
        if (ready === null) return;
        introduce(ready);
        prompt();
      });
    } else {
      introduce(source.current);
    }
  }
  prompt();
  for await (const line of lines) {
    if (!interactive && source.current === null && (await built) === null) break;
    const { reply, quit } = session.handle(line);
    if (reply !== null) output.write(`${reply}\n`);
    if (quit) break;
    prompt();
  }
  lines.close();
  if (failure !== null) throw failure;
  const unfinished = session.finishQuiz();
  if (unfinished !== null) output.write(`${unfinished}\n`);
}
