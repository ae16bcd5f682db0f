/**
 * `npm run library -- list|add|remove --guild ID`: manages a server's library from the shell, in the bot's
 * database (`DATA_DIR/bot.sqlite`), as `/library` does from Discord. Safe while the bot runs: it sees the
 * change on the server's next question.
 */
import { readFileSync, statSync } from "node:fs";
import { basename } from "node:path";
import { config as loadDotenv } from "dotenv";
import { loadConfig } from "../config.ts";
import { formatBytes } from "../library/extract.ts";
import { type LibraryAddOutcome, serverLibraryFromConfig } from "../library/server-library.ts";
import { openStorage } from "../storage/database.ts";
import { OPERATOR_USER_ID } from "../storage/library.ts";
import { CommandError, type CommandSpec, runCommand, UsageError } from "./args.ts";
import { explainingDatabaseErrors } from "./bot-database.ts";
import { plural } from "./chat-format.ts";
import { loadEngineForCli } from "./load.ts";

const libraryCommand = {
  command: "npm run library --",
  synopsis: [
    "list --guild ID",
    "add --guild ID FILE [--title TITLE] [--replace]",
    "add --guild ID --wikipedia TITLE [--replace]",
    "remove --guild ID ARTICLE",
  ],
  summary:
    "Lists, adds or removes the articles of one server's own library (what moderators manage with /library), in DATA_DIR/bot.sqlite. Files are .txt, .md, .pdf, .tex, .html, .srt or .vtt, read as the bot reads them; the limits of LIBRARY_* apply.",
  options: {
    guild: { type: "string", value: "ID", description: "the server's Discord id (required)" },
    title: {
      type: "string",
      value: "TITLE",
      description: "add: the article's title (default: from the file)",
    },
    wikipedia: {
      type: "string",
      value: "TITLE",
      description: "add: fetch this Wikipedia article (WIKIPEDIA_API_BASE) instead of a file",
    },
    replace: { type: "boolean", description: "add: replace the server's article of the same title" },
  },
  positionals: true,
  examples: [
    "npm run library -- list --guild 1300000000000000001",
    "npm run library -- add --guild 1300000000000000001 notes/week-3.pdf --title 'Week 3: Cells'",
    "npm run library -- add --guild 1300000000000000001 --wikipedia Photosynthesis",
    "npm run library -- remove --guild 1300000000000000001 week-3-cells",
  ],
  notes: ["Each change is in the server's /config history, made by the bot's operator."],
} as const satisfies CommandSpec;

function describeOutcome(outcome: LibraryAddOutcome): string {
  if (outcome.result === "refused") throw new CommandError(outcome.problem);
  if (outcome.result === "clash") {
    throw new CommandError(
      `the server already has "${outcome.existing.title}" (${outcome.existing.id}); add --replace to replace it`,
    );
  }
  const { article, summary, replaced } = outcome;
  return [
    `${replaced ? "Replaced" : "Added"} "${article.title}" as ${article.id}: ${plural(summary.sections.length, "section")}, ${plural(summary.sentences, "sentence")}, ${plural(summary.passages, "passage")}, ${formatBytes(article.bytes)}.`,
    ...summary.firstSentences.map((sentence) => `  > ${sentence}`),
  ].join("\n");
}

await runCommand(libraryCommand, async ({ values, positionals }) => {
  const [action, ...rest] = positionals;
  const guildId = values.guild;
  if (guildId === undefined || !/^\d{17,20}$/u.test(guildId))
    throw new UsageError("--guild ID is required: the server's Discord id (17–20 digits)");
  loadDotenv({ quiet: true });
  const config = loadConfig();
  await explainingDatabaseErrors(async () => {
    const db = await openStorage(config);
    try {
      const library = serverLibraryFromConfig(
        db,
        config.library,
        null,
        // The shared articles' titles, which a server's article may not take: read only when adding.
        () => loadEngineForCli(undefined).engine.articles.map((article) => article.title),
      );
      const { store } = library;
      if (action === "list" && rest.length === 0) {
        const articles = await store.list(guildId);
        const usage = await store.usage(guildId);
        console.log(
          `Server ${guildId}: ${usage.articles} of ${config.library.maxArticles} articles, ${formatBytes(usage.bytes)} of ${formatBytes(config.library.maxTotalBytes)}.`,
        );
        for (const article of articles) {
          console.log(
            `  ${article.id}  "${article.title}"  ${article.source}, ${formatBytes(article.bytes)}, added by ${article.addedBy} on ${new Date(article.addedAt).toISOString().slice(0, 10)}`,
          );
        }
        return;
      }
      if (action === "add") {
        const replace = values.replace === true;
        if (values.wikipedia !== undefined) {
          if (rest.length > 0) throw new UsageError("add takes a FILE or --wikipedia TITLE, not both");
          const outcome = await library.addWikipedia({
            guildId,
            userId: OPERATOR_USER_ID,
            title: values.wikipedia,
            replace,
          });
          console.log(describeOutcome(outcome));
          return;
        }
        const [file, ...extra] = rest;
        if (file === undefined || extra.length > 0) throw new UsageError("add needs exactly one FILE");
        let bytes: Uint8Array;
        try {
          if (statSync(file).size > library.options.upload.maxDownloadBytes) {
            throw new CommandError(
              `${file} is larger than the ${formatBytes(library.options.upload.maxDownloadBytes)} file limit`,
            );
          }
          bytes = readFileSync(file);
        } catch (error) {
          if (error instanceof CommandError) throw error;
          throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? "error"}`);
        }
        const outcome = await library.addUpload({
          guildId,
          userId: OPERATOR_USER_ID,
          fileName: basename(file),
          bytes,
          title: values.title ?? null,
          replace,
        });
        console.log(describeOutcome(outcome));
        return;
      }
      if (action === "remove") {
        const [articleId, ...extra] = rest;
        if (articleId === undefined || extra.length > 0) throw new UsageError("remove needs one ARTICLE id");
        const removed = await library.remove(guildId, articleId, OPERATOR_USER_ID);
        if (removed === null)
          throw new CommandError(
            `server ${guildId} has no article ${articleId} (see: list --guild ${guildId})`,
          );
        console.log(`Removed "${removed.title}" (${removed.id}) from server ${guildId}.`);
        return;
      }
      throw new UsageError("say what to do: list, add or remove");
    } finally {
      await db.close();
    }
  });
});
