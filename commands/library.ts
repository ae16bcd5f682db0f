import {
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
} from "discord.js";
import { findArticle } from "../src/core/lookup.ts";
import type { Command, CommandContext } from "../src/discord/command.ts";
import type { ReplyPayload } from "../src/discord/format/embed.ts";
import { formatSections } from "../src/discord/format/library.ts";
import { refusalNotice, staleButtonNotice, unknownCommandNotice } from "../src/discord/format/notices.ts";
import {
  formatAdded,
  formatLibraryList,
  formatPromptOutcome,
  formatRemovePrompt,
  formatReplacePrompt,
  libraryArticleLine,
  libraryNotices,
} from "../src/discord/format/server-library.ts";
import { buttonCustomId } from "../src/discord/interactions.ts";
import { replyPrivately } from "../src/discord/respond.ts";
import { isModerator } from "../src/discord/server-rules.ts";
import { downloadLimited } from "../src/library/download.ts";
import { ACCEPTED_FILES, formatBytes, uploadKindOf, uploadProblems } from "../src/library/extract.ts";
import type { LibraryAddOutcome, ServerLibrary } from "../src/library/server-library.ts";
import type { LibraryArticle } from "../src/storage/library.ts";

const articleOption = (description: string) =>
  ((option) =>
    option
      .setName("article")
      .setDescription(description)
      .setRequired(true)
      .setAutocomplete(true)) satisfies Parameters<SlashCommandBuilder["addStringOption"]>[0];

const data = new SlashCommandBuilder()
  .setName("library")
  .setDescription("Moderators: this server's own study articles, which only this server's answers quote")
  .setContexts(InteractionContextType.Guild)
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .addSubcommand((sub) =>
    sub
      .setName("add")
      .setDescription(`Add a ${ACCEPTED_FILES} file to this server's library`)
      .addAttachmentOption((option) =>
        option.setName("file").setDescription(`The article: a ${ACCEPTED_FILES} file`).setRequired(true),
      )
      .addStringOption((option) =>
        option
          .setName("title")
          .setDescription("Its title (default: the title in the file, or the file name)")
          .setMaxLength(100),
      ),
  )
  .addSubcommand((sub) =>
    sub
      .setName("add-wikipedia")
      .setDescription("Add a Wikipedia article to this server's library")
      .addStringOption((option) =>
        option
          .setName("title")
          .setDescription("The article's title on Wikipedia, e.g. Photosynthesis")
          .setRequired(true)
          .setMaxLength(250),
      ),
  )
  .addSubcommand((sub) =>
    sub.setName("list").setDescription("List this server's articles: who added them, when, their size"),
  )
  .addSubcommand((sub) =>
    sub
      .setName("show")
      .setDescription("Show an article's table of contents")
      .addStringOption(articleOption("The article")),
  )
  .addSubcommand((sub) =>
    sub
      .setName("remove")
      .setDescription("Remove an article from this server's library (asks to confirm)")
      .addStringOption(articleOption("The article to remove")),
  );

type GuildInteraction = ChatInputCommandInteraction<"cached" | "raw">;

/** The library's article named by an option: its id (from autocomplete) or its title as typed. */
async function articleNamed(
  library: ServerLibrary,
  guildId: string,
  typed: string,
): Promise<LibraryArticle | null> {
  return (await library.store.get(guildId, typed.trim())) ?? (await library.store.byTitle(guildId, typed));
}

/** Answers an add: what was understood, a refusal, or the offer to replace the article of that title. */
async function replyToAdd(
  interaction: GuildInteraction,
  context: CommandContext,
  outcome: LibraryAddOutcome,
): Promise<void> {
  let payload: ReplyPayload;
  if (outcome.result === "added") {
    context.logger.info("library article added", {
      guildId: interaction.guildId,
      articleId: outcome.article.id,
      bytes: outcome.article.bytes,
      replaced: outcome.replaced !== null,
    });
    payload = formatAdded(outcome.article, outcome.replaced, outcome.summary);
  } else if (outcome.result === "refused") {
    payload = { content: outcome.problem, embeds: [] };
  } else {
    const prompt = context.libraryPrompts.create({
      kind: "replace",
      userId: interaction.user.id,
      guildId: interaction.guildId,
      pending: outcome.pending,
    });
    payload = formatReplacePrompt(
      outcome.existing,
      outcome.pending.summary,
      {
        confirm: buttonCustomId("library", "confirm", prompt.id),
        cancel: buttonCustomId("library", "cancel", prompt.id),
      },
      context.options.libraryConfirmTtlMs,
    );
  }
  await interaction.editReply(payload);
}

async function addFile(interaction: GuildInteraction, context: CommandContext, library: ServerLibrary) {
  const attachment = interaction.options.getAttachment("file", true);
  const { maxDownloadBytes } = library.options.upload;
  // Refused before downloading anything: the type by its name, the size as Discord declares it.
  if (uploadKindOf(attachment.name) === null) {
    return replyPrivately(interaction, uploadProblems.unknownType);
  }
  if (attachment.size > maxDownloadBytes) {
    return replyPrivately(
      interaction,
      `The file is ${formatBytes(attachment.size)}; the download limit is ${formatBytes(maxDownloadBytes)}.`,
    );
  }
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const downloaded = await downloadLimited(attachment.url, {
    maxBytes: maxDownloadBytes,
    timeoutMs: library.options.fetchTimeoutMs,
  });
  if (!downloaded.ok) return void (await interaction.editReply({ content: downloaded.problem }));
  const outcome = await library.addUpload({
    guildId: interaction.guildId,
    userId: interaction.user.id,
    fileName: attachment.name,
    bytes: downloaded.bytes,
    title: interaction.options.getString("title"),
  });
  await replyToAdd(interaction, context, outcome);
}

async function addWikipedia(interaction: GuildInteraction, context: CommandContext, library: ServerLibrary) {
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const outcome = await library.addWikipedia({
    guildId: interaction.guildId,
    userId: interaction.user.id,
    title: interaction.options.getString("title", true),
  });
  await replyToAdd(interaction, context, outcome);
}

async function show(interaction: GuildInteraction, context: CommandContext, library: ServerLibrary) {
  const typed = interaction.options.getString("article", true);
  const stored = await articleNamed(library, interaction.guildId, typed);
  if (stored === null) return replyPrivately(interaction, libraryNotices.unknownArticle(typed));
  // The table of contents as the server's engine has it, with the passage ids /passage takes.
  const article = findArticle(context.engine.articles, stored.title);
  if (!article) return replyPrivately(interaction, libraryNotices.unknownArticle(typed));
  const payload = formatSections([article]);
  const [embed] = payload.embeds;
  if (embed) embed.description = `${libraryArticleLine(stored)}\n\n${embed.description ?? ""}`.slice(0, 4096);
  await interaction.reply({ ...payload, flags: MessageFlags.Ephemeral });
}

async function promptRemove(interaction: GuildInteraction, context: CommandContext, library: ServerLibrary) {
  const typed = interaction.options.getString("article", true);
  const article = await articleNamed(library, interaction.guildId, typed);
  if (article === null) return replyPrivately(interaction, libraryNotices.unknownArticle(typed));
  const prompt = context.libraryPrompts.create({
    kind: "remove",
    userId: interaction.user.id,
    guildId: interaction.guildId,
    articleId: article.id,
  });
  await interaction.reply({
    ...formatRemovePrompt(
      article,
      {
        confirm: buttonCustomId("library", "confirm", prompt.id),
        cancel: buttonCustomId("library", "cancel", prompt.id),
      },
      context.options.libraryConfirmTtlMs,
    ),
    flags: MessageFlags.Ephemeral,
  });
}

const handlers: Record<
  string,
  (interaction: GuildInteraction, context: CommandContext, library: ServerLibrary) => Promise<void>
> = {
  add: addFile,
  "add-wikipedia": addWikipedia,
  list: async (interaction, context, library) => {
    const { guildId } = interaction;
    const list = formatLibraryList(
      await library.store.list(guildId),
      await library.store.usage(guildId),
      library.store.limits,
      (await context.settings.get(guildId)).library,
    );
    await interaction.reply({ ...list, flags: MessageFlags.Ephemeral });
  },
  show,
  remove: promptRemove,
};

/** Confirms or cancels a replacement or removal, once, by the moderator who asked. */
async function confirm(interaction: ButtonInteraction, context: CommandContext, args: string[]) {
  const [action = "", promptId = ""] = args;
  const library = context.library;
  if (!interaction.inGuild() || library === null || (action !== "confirm" && action !== "cancel")) {
    return replyPrivately(interaction, staleButtonNotice);
  }
  const prompt = context.libraryPrompts.get(promptId);
  if (prompt === undefined || prompt.guildId !== interaction.guildId) {
    return void (await interaction.update(formatPromptOutcome(libraryNotices.expired)));
  }
  if (prompt.userId !== interaction.user.id) return replyPrivately(interaction, libraryNotices.notYourPrompt);
  if (!isModerator(interaction.memberPermissions?.bitfield ?? null)) {
    return replyPrivately(interaction, refusalNotice({ reason: "not-moderator" }));
  }
  context.libraryPrompts.delete(prompt.id);
  if (action === "cancel")
    return void (await interaction.update(formatPromptOutcome(libraryNotices.cancelled)));
  if (prompt.kind === "remove") {
    const removed = await library.remove(prompt.guildId, prompt.articleId, interaction.user.id);
    if (removed !== null) {
      context.logger.info("library article removed", { guildId: prompt.guildId, articleId: removed.id });
    }
    return void (await interaction.update(
      formatPromptOutcome(removed ? libraryNotices.removed(removed) : libraryNotices.alreadyGone),
    ));
  }
  const outcome = await library.add(prompt.pending, { replace: true });
  if (outcome.result === "added") {
    context.logger.info("library article replaced", {
      guildId: prompt.guildId,
      articleId: outcome.article.id,
    });
    return void (await interaction.update({
      ...formatAdded(outcome.article, outcome.replaced, outcome.summary),
      content: "",
      components: [],
    }));
  }
  const text = outcome.result === "refused" ? outcome.problem : libraryNotices.expired;
  await interaction.update(formatPromptOutcome(text));
}

/**
 * `/library …`: moderators give the bot this server's own study material, from a file or from Wikipedia;
 * questions asked on this server are then answered from it too, and nowhere else. Registered for servers
 * only and for members with Manage Server; Manage Server is checked again before anything runs (`access:
 * "moderation"`) and again on every confirm button. Every reply is private. A refused add changes nothing.
 */
export default {
  data,
  access: "moderation",
  async execute(interaction, context) {
    if (!interaction.inGuild())
      return replyPrivately(interaction, refusalNotice({ reason: "not-moderator" }));
    if (context.library === null) return replyPrivately(interaction, libraryNotices.unavailable);
    const handler = handlers[interaction.options.getSubcommand(true)];
    if (!handler) return replyPrivately(interaction, unknownCommandNotice);
    await handler(interaction, context, context.library);
  },
  async autocomplete(interaction, context) {
    if (!interaction.inGuild() || context.library === null) return interaction.respond([]);
    const choices = (
      await context.library.suggest(interaction.guildId, interaction.options.getFocused(), 25)
    ).map((article) => ({ name: article.title.slice(0, 100), value: article.id }));
    await interaction.respond(choices);
  },
  button: confirm,
} satisfies Command;
