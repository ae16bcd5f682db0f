import { ApplicationCommandOptionType, InteractionContextType, PermissionFlagsBits } from "discord.js";
import { describe, expect, it } from "vitest";
import { commands } from "../../commands/index.ts";
import { articleChoices, toChoices } from "../../src/discord/choices.ts";
import { checkCommandList } from "../e2e/fake-discord/validation.ts";
import { defaultEngine } from "../support/engines.ts";

describe("the slash command list", () => {
  const bodies = commands.map((command) => command.data.toJSON());

  it("is valid as Discord validates a bulk overwrite", () => {
    const failure = checkCommandList(bodies);
    expect(failure, JSON.stringify(failure?.body)).toBeUndefined();
  });

  it("offers ask, search, passage, sections, timeline, quiz, about and help in servers and DMs, to everyone", () => {
    const forEveryone = bodies.filter((body) => !["config", "leaderboard", "library"].includes(body.name));
    expect(forEveryone.map((body) => body.name)).toEqual([
      "ask",
      "search",
      "passage",
      "sections",
      "timeline",
      "quiz",
      "about",
      "help",
    ]);
    for (const body of forEveryone) {
      expect(body.contexts).toEqual([0, 1]);
      expect(body.default_member_permissions ?? null).toBeNull();
    }
  });

  it("offers /leaderboard in servers only, to everyone: scores belong to a server", () => {
    const leaderboard = bodies.find((body) => body.name === "leaderboard");

    expect(leaderboard?.contexts).toEqual([InteractionContextType.Guild]);
    expect(leaderboard?.default_member_permissions ?? null).toBeNull();
  });

  it("offers /config in servers only, by default to members with Manage Server", () => {
    const config = bodies.find((body) => body.name === "config");

    expect(config?.contexts).toEqual([InteractionContextType.Guild]);
    expect(config?.default_member_permissions).toBe(String(PermissionFlagsBits.ManageGuild));
    const subcommands = (config?.options ?? []).flatMap((option) =>
      option.type === ApplicationCommandOptionType.SubcommandGroup
        ? (option.options ?? []).map((sub) => `${option.name} ${sub.name}`)
        : [option.name],
    );
    expect(subcommands).toEqual([
      "show",
      "channel add",
      "channel remove",
      "mentions on",
      "mentions off",
      "visibility public",
      "visibility private",
      "cooldown",
      "rate",
      "roles add",
      "roles remove",
      "silence add",
      "silence remove",
      "lookups on",
      "lookups off",
      "library shared",
      "library only-own",
      "reset",
      "history",
    ]);
  });

  it("offers /library in servers only, by default to members with Manage Server", () => {
    const library = bodies.find((body) => body.name === "library");

    expect(library?.contexts).toEqual([InteractionContextType.Guild]);
    expect(library?.default_member_permissions).toBe(String(PermissionFlagsBits.ManageGuild));
    expect(library?.options?.map((option) => option.name)).toEqual([
      "add",
      "add-wikipedia",
      "list",
      "show",
      "remove",
    ]);
  });

  it("gives each command a handler for every option it autocompletes", () => {
    type Option = { autocomplete?: boolean; options?: Option[] };
    const autocompleted = (options: readonly Option[]): boolean =>
      options.some((option) => option.autocomplete === true || autocompleted(option.options ?? []));
    for (const command of commands) {
      const autocompletes = autocompleted((command.data.toJSON().options ?? []) as Option[]);
      expect(Boolean(command.autocomplete), command.data.name).toBe(autocompletes);
    }
  });
});

describe("autocomplete choices", () => {
  it("keeps at most 25, shortens names to 100 and leaves out values over 100 or repeated", () => {
    const candidates = [
      { name: "n".repeat(300), value: "v".repeat(101) },
      { name: "\u202E@everyone look", value: "ok" },
      { name: "again", value: "ok" },
      ...Array.from({ length: 40 }, (_, index) => ({
        name: `${"long name ".repeat(20)}${index}`,
        value: `id-${index}`,
      })),
    ];

    const choices = toChoices(candidates);

    expect(choices).toHaveLength(25);
    expect(choices[0]).toEqual({ name: "@\u200Beveryone look", value: "ok" });
    for (const choice of choices) {
      expect(choice.name.length).toBeLessThanOrEqual(100);
      expect(choice.value.length).toBeLessThanOrEqual(100);
    }
  });

  it("suggests articles by title or id as typed", () => {
    const { articles } = defaultEngine().engine;

    expect(articleChoices(articles, "masj")).toEqual([{ name: "Lal Masjid", value: "lal-masjid" }]);
    expect(articleChoices(articles, "faisal")).toEqual([]);
  });
});
