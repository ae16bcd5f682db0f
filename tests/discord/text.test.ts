import { describe, expect, it } from "vitest";
import {
  cleanText,
  escapeMarkdown,
  markdownText,
  maskedLink,
  plainText,
  trimText,
  trimTextStart,
} from "../../src/discord/text.ts";

const sentences =
  "The Lal Masjid is a mosque located in Islamabad. It was built in 1965 and is named for its red walls. " +
  "Maulana Muhammad Abdullah was appointed its first imam.";

describe("cleanText", () => {
  it("removes zero-width, bidi control and control characters and collapses whitespace", () => {
    expect(cleanText(" when\u200B was \u202Eit\u2066 built\u0007?\n\n\tsoon\uFEFF ")).toBe(
      "when was it built? soon",
    );
  });

  it("keeps right-to-left letters while dropping the controls around them", () => {
    expect(cleanText("\u202Bلال مسجد\u202C (Red Mosque)")).toBe("لال مسجد (Red Mosque)");
  });
});

describe("escapeMarkdown", () => {
  it("shows markdown literally: emphasis, code, spoilers, quotes, headings, masked links", () => {
    expect(escapeMarkdown("**bold** _it_ `code` ||spoiler|| ~~gone~~")).toBe(
      "\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\|\\|spoiler\\|\\| \\~\\~gone\\~\\~",
    );
    expect(escapeMarkdown("> quoted")).toBe("\\> quoted");
    expect(escapeMarkdown("# Heading")).toBe("\\# Heading");
    expect(escapeMarkdown("-# subtext")).toBe("\\-\\# subtext");
    expect(escapeMarkdown("1. listed")).toBe("1\\. listed");
    expect(escapeMarkdown("[click](https://evil.example)")).toBe("\\[click\\](https://evil.example)");
  });

  it("defuses user, role and channel mentions, timestamps and mass mentions", () => {
    const escaped = escapeMarkdown("<@123> <@&456> <#789> <t:1:R> @everyone @here");
    expect(escaped).toBe("\\<@123\\> \\<@&456\\> \\<\\#789\\> \\<t:1:R\\> @\u200Beveryone @\u200Bhere");
  });
});

describe("trimText", () => {
  it("leaves text that fits alone", () => {
    expect(trimText(sentences, sentences.length)).toBe(sentences);
  });

  it("cuts after the last whole sentence when that keeps most of the room", () => {
    const trimmed = trimText(sentences, 110);
    expect(trimmed).toBe(
      "The Lal Masjid is a mosque located in Islamabad. It was built in 1965 and is named for its red walls. …",
    );
    expect(trimmed.length).toBeLessThanOrEqual(110);
  });

  it("cuts at a word boundary when no sentence end is near", () => {
    expect(trimText(sentences, 30)).toBe("The Lal Masjid is a mosque…");
  });

  it("never splits a surrogate pair or an escape, even inside one long word", () => {
    const emoji = "🕌".repeat(50);
    for (let max = 2; max < 40; max++) {
      const trimmed = trimText(emoji, max);
      expect(trimmed.length).toBeLessThanOrEqual(max);
      expect(trimmed).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/u);
    }
    const escaped = escapeMarkdown("*".repeat(60));
    for (let max = 2; max < 40; max++) {
      const trimmed = trimText(escaped, max).replace(/…$/u, "");
      expect(trimmed).toMatch(/^(\\\*)*$/u);
    }
  });

  it("keeps the end when trimming from the start, at a sentence or word boundary", () => {
    expect(trimTextStart(sentences, 60)).toBe("… Maulana Muhammad Abdullah was appointed its first imam.");
    const words = trimTextStart(sentences, 30);
    expect(words.length).toBeLessThanOrEqual(30);
    expect(words).toBe("…was appointed its first imam.");
  });
});

describe("safe field text", () => {
  it("plain text is cleaned and bounded, markdown text is also escaped", () => {
    expect(plainText("@everyone\u200B look", 100)).toBe("@\u200Beveryone look");
    expect(markdownText("**Lal** Masjid", 100)).toBe("\\*\\*Lal\\*\\* Masjid");
    expect(markdownText("x".repeat(300), 100)).toHaveLength(100);
  });

  it("links only http(s) URLs, with parentheses made safe, and leaves out unusable ones", () => {
    expect(maskedLink("Mercury", "https://en.wikipedia.org/wiki/Mercury_(planet)")).toBe(
      "[Mercury](https://en.wikipedia.org/wiki/Mercury_%28planet%29)",
    );
    expect(maskedLink("x", "javascript:alert(1)")).toBe("x");
    expect(maskedLink("x", `https://example.org/${"a".repeat(600)}`)).toBe("x");
    expect(maskedLink("x", null)).toBe("x");
  });
});
