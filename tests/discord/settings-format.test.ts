import { describe, expect, it } from "vitest";
import type { ReplyPayload } from "../../src/discord/format/embed.ts";
import {
  formatHistory,
  formatResetPrompt,
  formatSettingChange,
  formatSettings,
  formatSettingValue,
} from "../../src/discord/format/settings.ts";
import {
  defaultGuildSettings,
  FORGOTTEN_MEMBER_ID,
  type GuildSettings,
  type SettingsAuditEntry,
} from "../../src/storage/guild-settings.ts";
import { checkMessage } from "../e2e/fake-discord/validation.ts";

const moderator = "1200000000000000001";
const at = Date.UTC(2026, 0, 5, 10, 0, 0);

function expectAcceptedByDiscord(payload: ReplyPayload): void {
  const failure = checkMessage(payload, payload);
  expect(failure, JSON.stringify(failure?.body)).toBeUndefined();
}

const manyChannels = Array.from({ length: 50 }, (_, n) => `14000000000000${String(n).padStart(5, "0")}`);

describe("/config replies", () => {
  it("shows every setting by name, channels and roles as mentions, and the empty role list as everyone", () => {
    const settings: GuildSettings = {
      ...defaultGuildSettings,
      freeTextChannelIds: ["1400000000000000002"],
      allowedRoleIds: [],
    };
    const [embed] = formatSettings(settings, {
      messageContentIntent: "auto",
      messageContent: true,
      dmAnswers: true,
    }).embeds;

    expect(embed?.fields?.map((field) => `${field.name}: ${field.value}`)).toEqual([
      "Free-text channels: <#1400000000000000002>",
      "Mentions: answered",
      "Answer visibility: public",
      "Cooldown per member: 10 s",
      "Server rate cap: 30 questions per minute",
      "Who can ask: everyone",
      "Silenced channels: none",
      "/search and /passage: on",
      "Articles answered from: the bot's articles and this server's library",
    ]);
    expect(embed?.description).toContain("Message Content intent: `auto`, granted by Discord.");
    expect(embed?.description).not.toContain("⚠");
  });

  it("says the intent was refused and tells the operator to enable it when auto mode runs without it", () => {
    const settings = { ...defaultGuildSettings, freeTextChannelIds: ["1400000000000000002"] };
    const [embed] = formatSettings(settings, {
      messageContentIntent: "auto",
      messageContent: false,
      dmAnswers: false,
    }).embeds;

    expect(embed?.description).toContain("Message Content intent: `auto`, refused by Discord");
    expect(embed?.description).toContain("turn on **Message Content Intent**");
    expect(embed?.description).toContain("restart the bot");
    expect(embed?.description).toContain("Direct messages: not answered");
  });

  it("says the intent is not asked for with off, and how to change that when free-text channels are set", () => {
    const facts = { messageContentIntent: "off", messageContent: false, dmAnswers: true } as const;
    const withChannels = { ...defaultGuildSettings, freeTextChannelIds: ["1400000000000000002"] };

    const [quiet] = formatSettings(defaultGuildSettings, facts).embeds;
    const [warned] = formatSettings(withChannels, facts).embeds;

    expect(quiet?.description).toContain("Message Content intent: `off`, not asked for");
    expect(quiet?.description).not.toContain("⚠");
    expect(warned?.description).toContain("`MESSAGE_CONTENT_INTENT=off`");
    expect(warned?.description).toContain("set `MESSAGE_CONTENT_INTENT=auto`");
  });

  it("lists history newest first with who, a relative time, what, and old → new", () => {
    const entries: SettingsAuditEntry[] = [
      { userId: moderator, at, setting: "allowedRoleIds", oldValue: [], newValue: ["1500000000000000002"] },
      { userId: moderator, at: at - 60_000, setting: "cooldownSeconds", oldValue: 10, newValue: 0 },
    ];
    const [embed] = formatHistory(entries).embeds;

    expect(embed?.description?.split("\n")).toEqual([
      `<t:${at / 1000}:R> <@${moderator}> changed **Who can ask**: everyone → <@&1500000000000000002>`,
      `<t:${at / 1000 - 60}:R> <@${moderator}> changed **Cooldown per member**: 10 s → none`,
    ]);
  });

  it("shows a change whose author was forgotten (npm run forget) without a mention", () => {
    const [embed] = formatHistory([
      { userId: FORGOTTEN_MEMBER_ID, at, setting: "cooldownSeconds", oldValue: 10, newValue: 30 },
    ]).embeds;

    expect(embed?.description).toBe(
      `<t:${at / 1000}:R> a forgotten member changed **Cooldown per member**: 10 s → 30 s`,
    );
  });

  it("summarises a reset as the settings that went back, and shows odd stored values as code", () => {
    const before = { ...defaultGuildSettings, lookupsAllowed: false, visibility: "private" };
    const [embed] = formatHistory([
      { userId: moderator, at, setting: "reset", oldValue: before, newValue: defaultGuildSettings },
    ]).embeds;

    expect(embed?.description).toContain(
      "reset all settings back to their defaults; Answer visibility: private → public; /search and /passage: off → on",
    );
    expect(formatSettingValue("cooldownSeconds", "ten")).toBe('`"ten"`');
  });

  it("keeps twenty changes of fifty-channel lists within Discord's limits", () => {
    const entries: SettingsAuditEntry[] = Array.from({ length: 20 }, (_, n) => ({
      userId: moderator,
      at: at - n * 1000,
      setting: "freeTextChannelIds",
      oldValue: manyChannels,
      newValue: manyChannels.slice(1),
    }));
    const history = formatHistory(entries);
    expectAcceptedByDiscord(history);
    expect(history.embeds[0]?.description).toContain("and 46 more");

    const full = {
      ...defaultGuildSettings,
      freeTextChannelIds: manyChannels,
      silencedChannelIds: manyChannels,
    };
    expectAcceptedByDiscord(
      formatSettings(full, { messageContentIntent: "auto", messageContent: false, dmAnswers: true }),
    );
  });

  it("says what a change did, or that nothing changed", () => {
    const settings = { ...defaultGuildSettings, cooldownSeconds: 30 };
    const change: SettingsAuditEntry = {
      userId: moderator,
      at,
      setting: "cooldownSeconds",
      oldValue: 10,
      newValue: 30,
    };

    expect(formatSettingChange("cooldownSeconds", [change], settings)).toBe(
      "Saved. **Cooldown per member**: 10 s → 30 s.",
    );
    expect(formatSettingChange("cooldownSeconds", [], settings)).toBe(
      "Nothing changed. **Cooldown per member**: 30 s.",
    );
  });

  it("asks to confirm a reset with the defaults listed and two buttons", () => {
    const prompt = formatResetPrompt(
      defaultGuildSettings,
      { confirm: "config:reset:1:x", cancel: "c" },
      60_000,
    );

    expectAcceptedByDiscord(prompt);
    expect(prompt.embeds[0]?.description).toContain("within 60 seconds");
    expect(
      prompt.components?.[0]?.components.map((button) => ("label" in button ? button.label : "")),
    ).toEqual(["Reset", "Cancel"]);
  });
});
