import { InteractionResponseType, InteractionType, MessageFlags } from "discord.js";
import { describe, expect, it } from "vitest";
import {
  botPerTest,
  buttonIdsOf,
  choicesOf,
  embedOf,
  eventually,
  realEngine,
  realEngineWith,
  textOf,
} from "./bot-harness.ts";
import { fakeDiscordDefaults } from "./fake-discord.ts";

const bobId =
  fakeDiscordDefaults.guilds[0]?.members.find((member) => member.user.username === "bob")?.user.id ?? "";

const start = botPerTest();

describe("/ask", () => {
  it("answers 'when was it built' with 1965 and cites the History passage", async () => {
    const { fake, logs } = await start();

    const sent = fake.sendInteraction({ name: "ask", options: { question: "when was it built" } });
    const reply = await fake.waitForInteractionReply(sent.id);

    const embed = embedOf(reply);
    expect(embed.title).toBe("1965");
    expect(embed.description).toContain("It was built in **1965**");
    expect(embed.description).toContain(
      "[Lal Masjid › History](https://en.wikipedia.org/wiki/Lal_Masjid,_Islamabad)",
    );
    expect(embed.description).toContain("`lal-masjid/history/2`");
    expect(embed.author?.name).toBe("Q: when was it built");
    expect(reply.flags ?? 0).toBe(0);
    const handled = await eventually(
      () => logs.find((line) => line.msg === "interaction handled"),
      "the interaction to be logged",
    );
    expect(handled).toMatchObject({
      command: "ask",
      guild: fake.defaultGuildId,
      channel: fake.defaultChannelId,
    });
    expect(typeof handled?.latencyMs).toBe("number");
    expect(JSON.stringify(logs)).not.toContain("when was it built");
  });

  it("abstains with the closest passages when the articles don't say (who won the 2022 world cup)", async () => {
    const { fake } = await start();

    const sent = fake.sendInteraction({ name: "ask", options: { question: "who won the 2022 world cup" } });
    const embed = embedOf(await fake.waitForInteractionReply(sent.id));

    expect(embed.title).toBe("The article doesn't say");
    expect(embed.description).not.toContain("**");
  });

  it("answers privately when private is true", async () => {
    const { fake } = await start();

    const sent = fake.sendInteraction({
      name: "ask",
      options: { question: "when was it built", private: true },
    });
    const reply = await fake.waitForInteractionReply(sent.id);

    expect(reply.flags).toBe(MessageFlags.Ephemeral);
    expect(embedOf(reply).title).toBe("1965");
  });

  it("refuses a question over 500 characters privately, without answering it", async () => {
    const { fake } = await start();

    const question = `when was it built ${"and why ".repeat(80)}`;
    const sent = fake.sendInteraction({ name: "ask", options: { question } });
    const reply = await fake.waitForInteractionReply(sent.id);

    expect(reply.flags).toBe(MessageFlags.Ephemeral);
    expect(reply.content).toContain("please keep it under 500");
    expect(reply.embeds).toEqual([]);
  });

  it("asks for a question when the question is only whitespace and invisible characters", async () => {
    const { fake } = await start();

    const sent = fake.sendInteraction({ name: "ask", options: { question: "  \u200B\u202E  " } });
    const reply = await fake.waitForInteractionReply(sent.id);

    expect(reply.flags).toBe(MessageFlags.Ephemeral);
    expect(reply.content).toContain("Please type a question");
  });

  it("defers when the answer takes longer than the defer threshold, then edits the answer in", async () => {
    const slowEngine = realEngineWith({
      answer: async (question) => {
        await new Promise((resolve) => setTimeout(resolve, 400));
        return realEngine().answer(question);
      },
    });
    const { fake } = await start({ engine: slowEngine, options: { deferAfterMs: 100 } });

    const sent = fake.sendInteraction({ name: "ask", options: { question: "when was it built" } });
    const events = await fake.waitForInteractionResponse(sent.id);

    expect(events.map((event) => event.kind)).toEqual(["callback", "editOriginal"]);
    expect(events[0]?.callbackType).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    expect(embedOf(await fake.waitForInteractionReply(sent.id)).title).toBe("1965");
  });
});

describe("/search", () => {
  it("pages through results with Next and Previous, numbering them across pages", async () => {
    const { fake } = await start();

    const sent = fake.sendInteraction({ name: "search", options: { query: "mosque" } });
    const first = await fake.waitForInteractionReply(sent.id);
    const firstEmbed = embedOf(first);
    expect(firstEmbed.description).toMatch(/^\*\*1\.\*\* `lal-masjid\/[a-z0-9-]+\/[a-z0-9]+`/u);
    expect(firstEmbed.footer?.text).toMatch(/^Page 1 of [2-9]/u);
    const [previous, next] =
      first.components?.[0] && "components" in first.components[0] ? first.components[0].components : [];
    expect(previous).toMatchObject({ label: "Previous", disabled: true });
    expect(next).toMatchObject({ label: "Next", disabled: false });
    const nextId = (next as { custom_id: string }).custom_id;

    const pressed = fake.sendInteraction({ type: InteractionType.MessageComponent, customId: nextId });
    const second = await fake.waitForInteractionReply(pressed.id);
    expect(second.id).toBe(first.id);
    expect(embedOf(second).description).toMatch(/^\*\*6\.\*\* /u);
    expect(embedOf(second).footer?.text).toMatch(/^Page 2 of /u);

    const [backId = ""] = buttonIdsOf(second);
    const back = fake.sendInteraction({
      type: InteractionType.MessageComponent,
      customId: backId,
      message: first.id,
    });
    expect(embedOf(await fake.waitForInteractionReply(back.id)).description).toBe(firstEmbed.description);
  });

  it("refuses page turns by anyone but the searcher, privately, and leaves the page as it was", async () => {
    const { fake } = await start();
    const sent = fake.sendInteraction({ name: "search", options: { query: "mosque" } });
    const first = await fake.waitForInteractionReply(sent.id);
    const [, nextId = ""] = buttonIdsOf(first);

    const pressed = fake.sendInteraction({
      type: InteractionType.MessageComponent,
      customId: nextId,
      userId: bobId,
    });
    const refusal = await fake.waitForInteractionReply(pressed.id);

    expect(refusal.flags).toBe(MessageFlags.Ephemeral);
    expect(refusal.content).toContain("Only the person who ran this search");
    expect(fake.message(first.id)?.embeds).toEqual(first.embeds);
  });

  it("stops paging after the expiry with a clear message", async () => {
    const { fake } = await start({ options: { searchPageTtlMs: 200 } });
    const sent = fake.sendInteraction({ name: "search", options: { query: "mosque" } });
    const first = await fake.waitForInteractionReply(sent.id);
    const [, nextId = ""] = buttonIdsOf(first);
    await new Promise((resolve) => setTimeout(resolve, 300));

    const pressed = fake.sendInteraction({ type: InteractionType.MessageComponent, customId: nextId });
    const notice = await fake.waitForInteractionReply(pressed.id);

    expect(notice.flags).toBe(MessageFlags.Ephemeral);
    expect(notice.content).toContain("These search results have expired");
    expect(notice.content).toContain("Run `/search` again");
  });

  it("searches one article chosen through autocomplete, and says so when nothing matches", async () => {
    const { fake } = await start();
    const typed = fake.sendInteraction({
      type: InteractionType.ApplicationCommandAutocomplete,
      name: "search",
      options: { query: "siege", article: "lal" },
      focused: "article",
    });
    const [callback] = await fake.waitForInteractionResponse(typed.id);
    expect(callback?.body).toMatchObject({
      data: { choices: [{ name: "Lal Masjid", value: "lal-masjid" }] },
    });

    const sent = fake.sendInteraction({ name: "search", options: { query: "siege", article: "lal-masjid" } });
    const embed = embedOf(await fake.waitForInteractionReply(sent.id));
    expect(embed.description).toMatch(/^In \*\*Lal Masjid\*\*/u);
    expect(embed.description).toContain("`lal-masjid/siege/1`");

    const none = fake.sendInteraction({ name: "search", options: { query: "photosynthesis chlorophyll" } });
    expect(embedOf(await fake.waitForInteractionReply(none.id)).title).toBe("No passages found");
  });

  it("asks for words when the query is blank, privately", async () => {
    const { fake } = await start();

    const sent = fake.sendInteraction({ name: "search", options: { query: " \u200B " } });
    const reply = await fake.waitForInteractionReply(sent.id);

    expect(reply).toMatchObject({ flags: MessageFlags.Ephemeral, embeds: [] });
    expect(reply.content).toContain("Please type the words to look for");
  });

  it("refuses an article that does not exist, echoing the name safely", async () => {
    const { fake } = await start();

    const sent = fake.sendInteraction({
      name: "search",
      options: { query: "siege", article: "@everyone **Atlantis**" },
    });
    const reply = await fake.waitForInteractionReply(sent.id);

    expect(reply.flags).toBe(MessageFlags.Ephemeral);
    expect(reply.content).toContain("There is no article called “@\u200Beveryone \\*\\*Atlantis\\*\\*”");
    expect(reply.mention_everyone).toBe(false);
  });
});

describe("/passage", () => {
  it("suggests at most 25 passages within Discord's length limits as the user types", async () => {
    const { fake } = await start();

    for (const typed of ["", "siege", "lal-masjid/h", "Mosque stormed", "x".repeat(120)]) {
      const sent = fake.sendInteraction({
        type: InteractionType.ApplicationCommandAutocomplete,
        name: "passage",
        options: { id: typed },
        focused: "id",
      });
      const [callback] = await fake.waitForInteractionResponse(sent.id);
      const choices = choicesOf(callback);
      expect(choices.length).toBeLessThanOrEqual(25);
      for (const choice of choices) {
        expect(choice.name.length).toBeGreaterThan(0);
        expect(choice.name.length).toBeLessThanOrEqual(100);
        expect(choice.value.length).toBeLessThanOrEqual(100);
      }
      if (typed === "siege") expect(choices.map((choice) => choice.value)).toContain("lal-masjid/siege/1");
      if (typed === "Mosque stormed")
        expect(choices[0]?.name).toBe("lal-masjid/mosque-stormed/1 — Mosque stormed");
    }
  });

  it("shows a passage in full with its neighbours' ids", async () => {
    const { fake } = await start();

    const sent = fake.sendInteraction({ name: "passage", options: { id: "lal-masjid/history/2" } });
    const embed = embedOf(await fake.waitForInteractionReply(sent.id));

    expect(embed.title).toBe("Lal Masjid › History");
    expect(embed.url).toBe("https://en.wikipedia.org/wiki/Lal_Masjid,_Islamabad");
    expect(embed.description).toContain("It was built in 1965 and is named for its red walls and interiors.");
    expect(embed.fields).toEqual([
      { name: "Previous passage", value: "`lal-masjid/history/1`", inline: true },
      { name: "Next passage", value: "`lal-masjid/history/3`", inline: true },
    ]);
    expect(embed.footer?.text).toBe("lal-masjid/history/2 · CC BY-SA 4.0");
  });

  it("says which passage does not exist and suggests close ids", async () => {
    const { fake } = await start();

    const sent = fake.sendInteraction({ name: "passage", options: { id: "lal-masjid/siege/99" } });
    const reply = await fake.waitForInteractionReply(sent.id);

    expect(reply.flags).toBe(MessageFlags.Ephemeral);
    expect(reply.content).toContain("There is no passage “lal-masjid/siege/99”");
    expect(reply.content).toContain("Did you mean `lal-masjid/siege/1`");
  });
});

describe("/sections, /about and /help", () => {
  it("/sections lists the article's sections with passage counts", async () => {
    const { fake } = await start();

    const sent = fake.sendInteraction({ name: "sections" });
    const embed = embedOf(await fake.waitForInteractionReply(sent.id));

    expect(embed.title).toBe("Lal Masjid");
    expect(embed.description?.split("\n")).toEqual([
      "**Introduction** · 1 passage · from `lal-masjid/lead/1`",
      "**History** · 5 passages · from `lal-masjid/history/1`",
      "**Siege** · 7 passages · from `lal-masjid/siege/1`",
      "**Mosque stormed** · 3 passages · from `lal-masjid/mosque-stormed/1`",
      "**Aftermath** · 2 passages · from `lal-masjid/aftermath/1`",
      "**July 2008 bombing near Lal Masjid** · 3 passages · from `lal-masjid/july-2008-bombing-near-lal-masjid/1`",
      "**Current** · 2 passages · from `lal-masjid/current/1`",
      "**Categories** · 1 passage · from `lal-masjid/categories/1`",
      "**External links** · 1 passage · from `lal-masjid/external-links/1`",
    ]);
  });

  it("/about shows the source, licence, categories, external links and the bot's version", async () => {
    const { fake } = await start();

    const sent = fake.sendInteraction({ name: "about" });
    const embed = embedOf(await fake.waitForInteractionReply(sent.id));

    const article = embed.fields?.[0];
    expect(article?.name).toBe("Lal Masjid");
    expect(article?.value).toContain("[Source](https://en.wikipedia.org/wiki/Lal_Masjid,_Islamabad)");
    expect(article?.value).toContain("licence: CC BY-SA 4.0");
    expect(article?.value).toContain("Categories: 1965 establishments in Pakistan, Deobandi mosques");
    expect(article?.value).toContain("External links: Lal Masjid Official, Jamia Hafsa Official");
    expect(embed.footer?.text).toBe("wiki-study-bot v0.1.0");
  });

  it("/help explains slash commands, mentions and DMs, privately", async () => {
    const { fake } = await start();

    const sent = fake.sendInteraction({ name: "help", dm: true });
    const reply = await fake.waitForInteractionReply(sent.id);

    expect(reply.flags).toBe(MessageFlags.Ephemeral);
    const text = textOf(embedOf(reply));
    expect(text).toContain("`/ask question: What is Lal Masjid?`");
    expect(text).toContain(`<@${fake.botUserId}> When was it built?`);
    expect(text).toContain("Direct message");
  });
});
