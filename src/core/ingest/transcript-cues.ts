import { nearestTextLine } from "./line-layouts.ts";

/**
 * A video's transcript or a subtitle file as people save it: a timestamp before each caption (YouTube's
 * `0:04` on a line of its own, `[00:04]` or `0:04` opening the caption's line, an SRT or WebVTT cue's
 * `00:00:04,000 --> 00:00:07,500` under its number). Timestamps say when, not what, and are no text. A
 * group chat's export is read the same way: each message's date, time and sender go.
 */

const TIME = String.raw`\d{1,2}(?::\d{2}){1,2}(?:[.,]\d{1,3})?`;

/** A subtitle cue's time range (with its cue settings). */
const TIME_RANGE = new RegExp(String.raw`^${TIME}\s*-->\s*${TIME}(?:\s.*)?$`, "u");

/** A line that is only a timestamp, or a subtitle cue's time range. */
const TIMESTAMP_LINE = new RegExp(String.raw`^[[(]?${TIME}[\])]?$|${TIME_RANGE.source}`, "u");

/**
 * A transcription service's turn header: the speaker, then when the turn starts (`Dana Whitlock  00:00:03`,
 * `Speaker 1  1:02:10`). The speaker's name is known from the words that follow, as is who is talking.
 */
const SPEAKER_TIME_LINE = new RegExp(String.raw`^(?:\p{L}[\p{L}\d.'’-]*\s+){1,4}[[(]?${TIME}[\])]?$`, "u");

/**
 * A caption's sound or speaker tag (`[music]`, `[NARRATOR]`, `(applause)`, WebVTT's voice `<v Dr. Marsh>`)
 * opening its line: it tells a viewer what is heard or who speaks, not what is said.
 */
const CUE_TAG =
  /^\s*(?:\[[^\]\n]{1,25}\]|\((?:music|applause|laughter|laughs|inaudible|crosstalk|silence)\)|<v(?:\.[^\s>]+)?\s+[^>\n]{1,40}>)\s*/iu;

/** A timestamp opening a caption's line (`0:04 the tower leans`, `[12:05] So`). */
const LEADING_TIMESTAMP = new RegExp(String.raw`^\s*[[(]?${TIME}[\])]?\s+(?=\S)`, "u");

/** A subtitle cue's number, on the line above its time range. */
const CUE_NUMBER = /^\d{1,5}$/u;

/** It takes this many timestamps to make a transcript: a text may name a time or two (`at 9:30`). */
const MIN_TIMESTAMPS = 3;

/** A time anywhere in a line. */
const TIME_IN_LINE = new RegExp(TIME, "u");

/** The first time a line gives, in seconds (`1:02:10` → 3730). */
function secondsOf(line: string): number {
  const time = TIME_IN_LINE.exec(line)?.[0] ?? "";
  return time
    .split(/[.,]/u)[0]
    ?.split(":")
    .reduce((total, part) => total * 60 + Number(part), 0) as number;
}

/**
 * Whether times, in their order in the text, go forward as a recording's do: by more than a second at the
 * median step. Chapter-and-verse numbers opening a scripture's lines (`3:16`, `3:17`) step by one.
 */
function runsForward(seconds: readonly number[]): boolean {
  const steps = seconds.slice(1).map((time, i) => time - (seconds[i] as number));
  const sorted = [...steps].sort((a, b) => a - b);
  return (sorted[Math.floor(sorted.length / 2)] ?? 0) > 1;
}

/** A chat export's date (`12/03/2024`, `2024-03-12`) and time (`19:04:51`, `7:04 PM`). */
const CHAT_DATE = String.raw`\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}`;
const CHAT_CLOCK = String.raw`\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp]\.?[Mm]\.?)?`;

/**
 * A chat export's message header: WhatsApp's `[12/03/2024, 19:04:51] ` (iOS) or `12/03/2024, 19:04 - `
 * (Android), then the sender and a colon (`Priya Raman: `). Without a sender it is the app's own line
 * (`Priya added Tom`).
 */
const CHAT_HEADER = new RegExp(
  String.raw`^\s*(?:\[${CHAT_DATE},?\s+${CHAT_CLOCK}\]|${CHAT_DATE},?\s+${CHAT_CLOCK}\s+[-–])\s*`,
  "u",
);
const CHAT_SENDER = /^[^:\n]{1,50}?:\s+(?=\S)/u;

/** A message that stands for something not shown: a photo, a deleted message. */
const CHAT_PLACEHOLDER =
  /^(?:<[^>]*(?:omitted|attached)[^>]*>|(?:image|video|audio|sticker|gif|document|media) omitted|this message was deleted\.?|you deleted this message\.?|missed (?:voice|video) call)$/iu;

/** It takes this many messages with a sender to make a chat export. */
const MIN_CHAT_MESSAGES = 3;

/**
 * A chat export's lines: the app's own lines and placeholders, each message's header, and where each starts.
 * Found however few there are: it takes `MIN_CHAT_MESSAGES` of them to make the text a chat export.
 */
function chatMessages(lines: readonly string[]): {
  markerLines: Set<number>;
  prefixes: Map<number, number>;
} {
  const markerLines = new Set<number>();
  const prefixes = new Map<number, number>();
  lines.forEach((line, n) => {
    const header = CHAT_HEADER.exec(line);
    if (header === null) return;
    const sender = CHAT_SENDER.exec(line.slice(header[0].length));
    if (sender === null) {
      markerLines.add(n);
      return;
    }
    const prefix = header[0].length + sender[0].length;
    if (CHAT_PLACEHOLDER.test(line.slice(prefix).trim())) markerLines.add(n);
    else prefixes.set(n, prefix);
  });
  return { markerLines, prefixes };
}

/** Where each message starts: the first line after its header that is no marker (nor blank, with `skipBlank`). */
function messageStartsAfter(
  headers: readonly number[],
  lines: readonly string[],
  markerLines: ReadonlySet<number>,
  skipBlank: boolean,
): Set<number> {
  const messageStarts = new Set<number>();
  for (const header of headers) {
    let start = header + 1;
    while (markerLines.has(start) || (skipBlank && start < lines.length && lines[start]?.trim() === ""))
      start++;
    if (start < lines.length) messageStarts.add(start);
  }
  return messageStarts;
}

/**
 * A Discord channel copied as text: each message under its author and time on a line of their own
 * (`maya.r — Today at 4:02 PM`, `Lotte — 03/14/2024 9:05 PM`), reactions on lines of their own (`👍 4`), a
 * reply's quoted line (`> @Tomasz yeah it was …`) over it.
 */
const DISCORD_HEADER = new RegExp(
  String.raw`^\S.{0,40}?\s+[—–-]\s+(?:(?:today|yesterday)\s+at\s+${CHAT_CLOCK}|${CHAT_DATE},?\s+${CHAT_CLOCK})$`,
  "iu",
);
const DISCORD_REACTION = /^(?:[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\uFE0F\u200D]+\s*\d{1,4}\s*)+$/u;
const DISCORD_REPLY_QUOTE = /^>\s*@\S/u;

/** A Discord copy's headers, reactions and reply quotes, and where each message starts. */
function discordMessages(lines: readonly string[]): { markerLines: Set<number>; messageStarts: Set<number> } {
  const headers = lines.flatMap((line, n) => (DISCORD_HEADER.test(line.trim()) ? [n] : []));
  if (headers.length < MIN_CHAT_MESSAGES) return { markerLines: new Set(), messageStarts: new Set() };
  const markerLines = new Set(headers);
  lines.forEach((line, n) => {
    const trimmed = line.trim();
    if (DISCORD_REACTION.test(trimmed)) markerLines.add(n);
    else if (DISCORD_REPLY_QUOTE.test(trimmed) && markerLines.has(n - 1)) markerLines.add(n);
  });
  return { markerLines, messageStarts: messageStartsAfter(headers, lines, markerLines, false) };
}

/**
 * A Slack channel or thread copied from the desktop app: each message under its author and time on a line of
 * their own (`Priya Shah  10:42 AM`, two spaces between; `Priya Shah [10:42 AM]` in older copies), its
 * reactions on lines of their own (`:+1: 3`), a thread's counts (`14 replies`, `Last reply today at 12:31 PM`),
 * a reply's quote of the message it answers (`replied to a thread: ok has anyone …`) and `(edited)` alone.
 */
// The time has AM or PM: a transcript's speaker over a running time (`Dana Whitlock  00:00:03`) is no message.
const SLACK_CLOCK = String.raw`\d{1,2}:\d{2}\s?[AP]M`;
const SLACK_HEADER = new RegExp(String.raw`^\S.{0,40}?(?:\s{2,}|\s+\[)${SLACK_CLOCK}\]?$`, "u");
const SLACK_MARKERS: readonly RegExp[] = [
  /^(?::[\w+'-]+:\s*\d{1,4}\s*)+$/u,
  /^\d{1,4} repl(?:y|ies)$/iu,
  /^Last reply .{1,30}$/iu,
  /^replied to a thread:/iu,
  /^\(edited\)$/iu,
  /^(?:Also sent to the channel|View thread|View newer replies|Show less|Show more)$/iu,
];

/**
 * A Slack copy's reactions, thread counts and reply quotes, and where each message starts: at its header,
 * which stays as text (a question may ask what Tomás said).
 */
function slackMessages(lines: readonly string[]): { markerLines: Set<number>; messageStarts: Set<number> } {
  const headers = lines.flatMap((line, n) => (SLACK_HEADER.test(line.trim()) ? [n] : []));
  if (headers.length < MIN_CHAT_MESSAGES) return { markerLines: new Set(), messageStarts: new Set() };
  const markerLines = new Set<number>();
  lines.forEach((line, n) => {
    if (SLACK_MARKERS.some((marker) => marker.test(line.trim()))) markerLines.add(n);
  });
  return { markerLines, messageStarts: new Set(headers) };
}

/**
 * DiscordChatExporter's plain-text export: each message under `[date time] Author` on a line of its own
 * (`(pinned)` after a pinned one's name), its attachments, embeds, stickers and reactions in blocks headed
 * `{Attachments}`, `{Embed}`, `{Stickers}`, `{Reactions}` up to a blank line, and the export's frame between
 * rules of `=`: `Guild:`, `Channel:`, `Topic:` before the first message, `Exported 34 message(s)` after the last.
 */
const EXPORTER_HEADER = new RegExp(
  String.raw`^\[(?:${CHAT_DATE},?\s+${CHAT_CLOCK}|\d{1,2}-\p{L}{3}-\d{2,4}\s+${CHAT_CLOCK})\]\s+[^\s:][^:]{0,60}$`,
  "u",
);
const EXPORTER_BLOCK = /^\{(?:Attachments|Embed|Stickers|Reactions)\}$/u;
const EXPORTER_RULE = /^={20,}$/u;
const EXPORTER_FRAME = /^(?:(?:Guild|Channel|Topic|After|Before):\s|Exported [\d,.\s]+ message\(s\)$)/u;

/**
 * A DiscordChatExporter export's headers, blocks and frame, and where each message starts. `chatPrefixes`:
 * the lines that open with a chat header and a sender (`chatMessages`).
 */
function exporterMessages(
  lines: readonly string[],
  chatPrefixes: ReadonlyMap<number, number>,
): {
  markerLines: Set<number>;
  prefixes: Map<number, number>;
  messageStarts: Set<number>;
} {
  const headers = lines.flatMap((line, n) => (EXPORTER_HEADER.test(line.trim()) ? [n] : []));
  // A message copied by hand into the export may keep its sender on its header's line (`[…] jules: wait`);
  // where most do, it is a WhatsApp export, whose own lines (`[…] Priya added Tom`) look like these headers.
  if (headers.length < MIN_CHAT_MESSAGES || headers.length <= chatPrefixes.size)
    return { markerLines: new Set(), prefixes: new Map(), messageStarts: new Set() };
  const markerLines = new Set(headers);
  const first = headers[0] as number;
  let inBlock = false;
  lines.forEach((line, n) => {
    const trimmed = line.trim();
    if (trimmed === "") inBlock = false;
    else if (EXPORTER_BLOCK.test(trimmed)) {
      inBlock = true;
      markerLines.add(n);
    } else if (
      inBlock ||
      EXPORTER_RULE.test(trimmed) ||
      (EXPORTER_FRAME.test(trimmed) && (n < first || /^Exported/u.test(trimmed)))
    )
      markerLines.add(n);
  });
  // Headers are marker lines, so a start is never another header.
  const messageStarts = messageStartsAfter(headers, lines, markerLines, true);
  for (const line of chatPrefixes.keys()) messageStarts.add(line);
  return { markerLines, prefixes: new Map(chatPrefixes), messageStarts };
}

export interface TranscriptCues {
  /** Lines that hold nothing but a timestamp, a turn's header, a cue's number or tag, or a WebVTT header. */
  markerLines: ReadonlySet<number>;
  /** Lines that open with a timestamp or a tag, mapped to its length (the caption follows). */
  prefixes: ReadonlyMap<number, number>;
  /** How many timestamps (and turn headers) the text has: each marks a caption's start, as a line break marks a list item's. */
  timestamps: number;
  /** A chat export's message lines: each message ends a sentence, punctuated or not. */
  messageStarts: ReadonlySet<number>;
  /** A video's chapter titles, set among its captions (`Walcott's quarry`): each heads a section. */
  chapterLines: ReadonlySet<number>;
}

/** A chapter's title is short, and typed by the video's maker with a capital (automatic captions have none). */
const CHAPTER_TITLE = /^\p{Lu}\S*(?:\s+\S+){0,7}$/u;

/**
 * YouTube's transcript panel puts each caption under a timestamp line of its own, and a chapter's title on a
 * line with no timestamp before the chapter's first one. Other layouts (a timestamp opening each line, a
 * subtitle's ranges, a timestamp over each paragraph) have no such lines.
 */
function chapterTitleLines(lines: readonly string[], markerLines: ReadonlySet<number>): Set<number> {
  const textLines = lines.flatMap((line, n) => (line.trim() === "" || markerLines.has(n) ? [] : [n]));
  // The nearest text line before or after (-1 when there is none) is a timestamp alone on its line.
  const isTimestamp = (n: number) =>
    n >= 0 && TIMESTAMP_LINE.test(lines[n]?.trim() ?? "") && !TIME_RANGE.test(lines[n]?.trim() ?? "");
  const captioned = textLines.filter((n) => isTimestamp(nearestTextLine(lines, n, -1)));
  if (captioned.length < MIN_TIMESTAMPS || captioned.length < textLines.length * 0.8) return new Set();
  return new Set(
    textLines.filter(
      (n) =>
        !isTimestamp(nearestTextLine(lines, n, -1)) &&
        isTimestamp(nearestTextLine(lines, n, 1)) &&
        CHAPTER_TITLE.test(lines[n]?.trim() ?? ""),
    ),
  );
}

/** The timestamps of a transcript's lines; none when the text has too few to be a transcript. */
export function transcriptCues(lines: readonly string[]): TranscriptCues {
  // A chat copied with each message under a header line of its own: Discord's, then Slack's.
  for (const copied of [discordMessages, slackMessages]) {
    const { markerLines, messageStarts } = copied(lines);
    if (messageStarts.size > 0)
      return {
        markerLines,
        prefixes: new Map(),
        timestamps: messageStarts.size,
        messageStarts,
        chapterLines: new Set(),
      };
  }
  const chat = chatMessages(lines);
  const exported = exporterMessages(lines, chat.prefixes);
  if (exported.messageStarts.size > 0)
    return {
      ...exported,
      timestamps: exported.messageStarts.size,
      chapterLines: new Set(),
    };
  if (chat.prefixes.size >= MIN_CHAT_MESSAGES)
    return {
      ...chat,
      timestamps: chat.prefixes.size,
      messageStarts: new Set(chat.prefixes.keys()),
      chapterLines: new Set(),
    };
  const markerLines = new Set<number>();
  const prefixes = new Map<number, number>();
  const seconds: number[] = [];
  lines.forEach((line, n) => {
    const trimmed = line.trim();
    if (TIMESTAMP_LINE.test(trimmed) || SPEAKER_TIME_LINE.test(trimmed)) {
      markerLines.add(n);
      seconds.push(secondsOf(SPEAKER_TIME_LINE.test(trimmed) ? trimmed.replace(/^\D+/u, "") : trimmed));
      const above = n - 1;
      if (CUE_NUMBER.test(lines[above]?.trim() ?? "")) markerLines.add(above);
      return;
    }
    const prefix = LEADING_TIMESTAMP.exec(line);
    if (prefix === null) return;
    prefixes.set(n, prefix[0].length);
    seconds.push(secondsOf(prefix[0]));
  });
  const timestamps = seconds.length;
  // A subtitle cue's time range (`-->`) is a transcript's however few there are.
  const subtitles = lines.some((line) => TIME_RANGE.test(line.trim()));
  if (!subtitles && (timestamps < MIN_TIMESTAMPS || !runsForward(seconds)))
    return {
      markerLines: new Set(),
      prefixes: new Map(),
      timestamps: 0,
      messageStarts: new Set(),
      chapterLines: new Set(),
    };
  const header = lines.findIndex((line) => line.trim() !== "");
  if (/^WEBVTT\b/u.test(lines[header]?.trim() ?? "")) {
    // The file's header (`Kind: captions`, `Language: en`) runs to the first blank line; a comment, style or
    // region block (`NOTE`, `STYLE`, `REGION` over its lines) to the next.
    for (let n = header; n < lines.length && lines[n]?.trim() !== ""; n++) markerLines.add(n);
    lines.forEach((line, n) => {
      if (!/^(?:NOTE|STYLE|REGION)(?:\s|$)/u.test(line) || lines[n - 1]?.trim() !== "") return;
      for (let k = n; k < lines.length && lines[k]?.trim() !== ""; k++) markerLines.add(k);
    });
  }
  // A caption's tag, after its timestamp if one opens the line; a line of nothing but a tag says nothing.
  lines.forEach((line, n) => {
    if (markerLines.has(n)) return;
    const at = prefixes.get(n) ?? 0;
    const tag = CUE_TAG.exec(line.slice(at));
    if (tag === null) return;
    if (at + tag[0].length >= line.trimEnd().length) markerLines.add(n);
    else prefixes.set(n, at + tag[0].length);
  });
  const chapterLines =
    subtitles || prefixes.size > 0 ? new Set<number>() : chapterTitleLines(lines, markerLines);
  return { markerLines, prefixes, timestamps, messageStarts: new Set(), chapterLines };
}
