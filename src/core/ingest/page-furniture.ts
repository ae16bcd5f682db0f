import type { SourceToken } from "../text/detokenize.ts";
import { blankSeparatedBlocks, isShortBareLine, nearestTextLine, tabCells } from "./line-layouts.ts";

/**
 * Lines that a copy of a whole web page brings along besides the article: Wikipedia's tagline, hatnotes
 * pointing to other articles, its table of contents and its footer. They describe the page, never the
 * subject, so no sentence or heading may come from them.
 */

/** The label of a photograph's credit (`Photograph:`, `Photo:`, `Credit:`), alone on its line or ending a caption's. */
const CREDIT_LABEL_WORDS = "Photo(?:graph)?s?|Image|Picture|Credit";

/** The sites and actions a page's share buttons name. */
const SHARE_SITES = "facebook|twitter|email|print|linkedin|whatsapp|reddit|pinterest|copy link";

/**
 * A line naming where the text was copied from, the link and at most a date after it: `Source: https://…`,
 * `> Source: [https://…](https://…) · saved 14 March 2025`, `URL: <https://…>`. Group 1 is the link.
 */
const SOURCE_LINE =
  /^(?:>\s*)?(?:source|url|source url|original url|link)\s*:\s*(?:\[[^\]]*\]\(|<)?(https?:\/\/[^\s)>\]]+)[)>]?(?:\s*[·|,–—-]?\s*(?:saved|retrieved|accessed|clipped)?\s*(?:on\s+)?[\p{L}\d ,.]{0,30})?$/iu;

/** Wikipedia's footer line, `Retrieved from "https://en.wikipedia.org/w/index.php?title=…&oldid=…"`. Group 1 is the link. */
const RETRIEVED_FROM = /^Retrieved from ["“]?(https?:\/\/[^\s"”]+)["”]?$/u;

/** How many lines from the top a `Source:` line may stand to be the text's own: lower, it sources a figure. */
const SOURCE_LINE_REACH = 10;

/**
 * The link a text says it was copied from, for its citations when no sidecar gives one: a `Source:` or
 * `URL:` line holding a link alone near the top or in a note's front matter, else Wikipedia's `Retrieved
 * from` footer, read as the page's address (`…/w/index.php?title=Hagia_Sophia&oldid=1` is `…/wiki/Hagia_Sophia`).
 */
export function sourceLinkOf(lines: readonly string[]): string | null {
  let retrieved: string | null = null;
  const frontMatter = frontMatterLines(lines);
  for (const [n, line] of lines.entries()) {
    const trimmed = line.trim();
    const nearTop = n < SOURCE_LINE_REACH || frontMatter.has(n);
    const source = nearTop ? SOURCE_LINE.exec(trimmed)?.[1] : undefined;
    if (source !== undefined) return source;
    retrieved ??= RETRIEVED_FROM.exec(trimmed)?.[1] ?? null;
  }
  if (retrieved === null) return null;
  const page = /^(https?:\/\/[^/]+)\/w\/index\.php\?title=([^&]+)/u.exec(retrieved);
  return page === null ? retrieved : `${page[1]}/wiki/${page[2]}`;
}

/** How long ago a forum's post was made, as new Reddit writes it (`5 hr. ago`, `3 days ago`). */
const POST_AGE = String.raw`\d{1,2}\s?(?:hr|min|mo|yr|day|week)s?\.?\s+ago`;

/** Whole lines of page furniture (tested on the trimmed line). */
const FURNITURE_LINES: readonly RegExp[] = [
  /^From Wikipedia, the free encyclopedia$/u,
  // A line of nothing but marks: a rule drawn between parts of a page (Markdown's `---`, `* * *`, a
  // plain-text `=====` or `──────`, a scene break's `~ ~ ~`), Medium's `--` under the byline, an emoji alone.
  // No word, no sentence. (The parser reads a rule over footnotes first.)
  /^[^\p{L}\p{N}]+$/u,
  // A script's direction alone on its line, in brackets with its kind in capitals (`[SOUND: gulls, water
  // lapping]`, `[MUSIC FADES]`, a lecture's `[SLIDE 6]`): what is heard or shown, not what is said.
  /^\[\p{Lu}{3,}(?: (?:\p{Lu}{2,}|\d{1,3}))*(?::[^\]]*)?\]$/u,
  // A broadcast transcript's note of what was heard, in brackets and capitals (`(LAUGHTER)`, `(SOUNDBITE OF
  // ARCHIVED RECORDING)`), and an exam paper's marks alone on their line (`[2 marks]`).
  /^\((?:SOUNDBITE|SOUND|BEGIN|END|LAUGHTER|LAUGHING|APPLAUSE|MUSIC|CROSSTALK|INAUDIBLE|CHEERING|SILENCE|PAUSE)\b[\p{Lu} ,'-]*\)$/u,
  /^[[(]\d{1,2} marks?[\])]$/iu,
  // An audio guide's prompt between its stops (`Press 13 to continue`).
  /^(?:press|tap|dial|enter) (?:number )?\d{1,3}(?: (?:to|for) [^.!?]{1,40})?\.?$/iu,
  // A chat with an AI assistant copied from its page: who speaks (`You said:`, `ChatGPT said:`) alone on a line.
  /^(?:\*\*|#{1,6}\s*)?(?:You|ChatGPT|Claude|Gemini|Copilot|Assistant|User) said:(?:\*\*)?$/iu,
  /^\(Redirected from [^)]+\)$/u,
  // A page's skip links (`Jump to navigation`, `Skip to main content`).
  /^(?:Jump|Skip) to (?:main )?(?:navigation|search|content)$/iu,
  // Hatnotes: `This article is about X. For other uses, see Y.`, `Main article: X`, `"X" redirects here.`
  /^This article is about .*\bsee\b/u,
  /^For (?:other uses|the [^,]+|[^,]+ in [^,]+), see\b/u,
  /^Not to be confused with\b/u,
  /^["“]?[^"”]{1,80}["”]? redirects here\./u,
  /^(?:Main articles?|Further information|See also): \S/u,
  // A press release's release line over its headline (`FOR IMMEDIATE RELEASE`, `EMBARGOED UNTIL 00:01 …`).
  /^(?:for immediate release|embargoed (?:until|till) [^.!?]{1,40})$/iu,
  // A news site's: advertisement slots, links to other stories, and the byline with its date.
  /^(?:advertisement|sponsored(?: content)?|continue reading(?: below| the main story)?|story continues below)(?:\s*[·|•]\s*scroll to continue)?$/iu,
  // How fresh and how long a story is (`Updated 3 hours ago`, `4 minute read`).
  /^(?:(?:updated|published|posted)\s+\d{1,3}\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago|\d{1,3}[- ]min(?:ute)?s?\s+read)$/iu,
  // A news agency's credits and standards line under its story (`Reporting by …; Editing by …`).
  /^(?:additional )?(?:reporting|writing|editing) by [^.!?]{1,200}\.?$/iu,
  /^Our Standards: /u,
  /^(?:Read more|Read also|Also read|Related|Recommended|More from [^:]{1,40}|Watch)\s*:\s*\S/u,
  /^By \p{Lu}[^|·•]{1,60}[|·•]\s*(?:Updated|Published|Posted|\d{1,2} \p{Lu}\p{Ll}+ \d{4}|\p{Lu}\p{Ll}+ \d{1,2},? \d{4})\b/u,
  // A byline alone on its line, with the writer's role (`By Eleanor Marsh, Science Correspondent`).
  /^By \p{Lu}[\p{L}.'’-]+(?:\s+(?:\p{Lu}[\p{L}.'’-]*|and|de|van|von|al))+(?:,\s*\p{Lu}[^.!?|]{0,40})?$/u,
  /^(?:Updated|Published|Posted|First published)(?: on)?:? (?:\p{Lu}\p{Ll}+ \d{1,2},?|\d{1,2} \p{Lu}\p{Ll}+) \d{4}\b/u,
  // A live blog's: its state, and the time over each entry (`20:45 GMT`, `2.15pm`).
  /^this live (?:page|blog|coverage) (?:is now closed|has (?:now )?(?:ended|closed))\.?$/iu,
  /^\d{1,2}(?::\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+\p{Lu}{2,4})?|\.\d{2}\s*(?:[ap]\.?m\.?|\p{Lu}{2,4}))$/iu,
  // A social post's time and date (`3:42 PM · Mar 4, 2023`), with its views when they follow.
  /^\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?\s*·\s*\p{Lu}\p{Ll}{2,8}\.? \d{1,2}, \d{4}(?:\s*·.*)?$/iu,
  // A photograph's credit under its caption (`Photograph: Hugo Infante / Getty Images`, `Photo: Reuters`).
  new RegExp(String.raw`^\(?(?:${CREDIT_LABEL_WORDS}|Photo Credit)\s*:\s*(?:\S+\s*){1,8}$`, "iu"),
  // When the page was last changed (`Last updated: 14 March 2024`, Wikipedia's `This page was last edited on …`).
  /^(?:Last (?:updated|modified|reviewed)|This page was last (?:edited|modified))\b(?: on)?:? [^.]{0,30}\d{4}\b[^.]{0,30}\.?$/iu,
  // A web page's cookie banner, sharing and comment controls, and a forum's votes and buttons.
  /\b(?:we use (?:[\w-]+ ){0,2}cookies|(?:this|our) (?:web)?site uses cookies|accept (?:all )?cookies)\b/iu,
  new RegExp(
    String.raw`^(?:(?:[▲▼⬆⬇↑↓]\s*\d+[kK]?|(?:[♡♥⤴↗🔗]\s*)?(?:reply|share|report|save|award|upvote|downvote|${SHARE_SITES}))\s*)+$`,
    "iu",
  ),
  // A row of share buttons naming newer sites too, though `X` or `Threads` alone may be a heading.
  new RegExp(String.raw`^(?:(?:${SHARE_SITES}|x|e-mail|messenger|telegram|bluesky|threads)\s*){2,}$`, "iu"),
  // A news page's topic tags, comment sorting and sign-in prompt.
  /^(?:topics|tags|tagged|filed under|related topics)\s*:\s*[^|]+(?:\|[^|]+)+$/iu,
  /^sort by\s*:?\s*[^.!?]{0,60}$/iu,
  /^(?:see (?:all|more) [^.!?]{0,40}|view all [^.!?]{0,40}|load (?:next page|more))\s*[→›»]?$/iu,
  /^(?:sign|log) in\b.{0,40}\bto (?:comment|reply|join the (?:conversation|discussion))\.?$/iu,
  // A live page's marks and controls (`Live`, `Updated 21:15 GMT`, `Show key events only`).
  /^(?:live|live updates|(?:last )?updated:? \d{1,2}[:.]\d{2}(?:\s*(?:[ap]\.?m\.?|\p{Lu}{2,4}))*|show key events only|key events)$/iu,
  // A page's tools row (`Print this page | Download as PDF | Reading time: 8 minutes`).
  /^(?:(?:print(?: this page)?|download(?: as)? pdf|reading time:?\s*\d+\s*min(?:ute)?s?|save|share|email|cite this page)\s*(?:[|·•]\s*|$)){2,}$/iu,
  // A blog's `Like this:` button (`Like Loading…`) and its count of comments (`3 thoughts on "…"`).
  /^(?:like this:?|like loading(?:\.{3}|…)?|\d+ (?:thoughts|responses|comments|replies) (?:on|to) ["“].{1,150}["”])$/iu,
  /^(?:share (?:this|on)\b.{0,20}|comments? \(\d+\)|\d+ (?:comments?|answers?|replies)(?:\s+sort by:? .{0,20})?|load more comments|leave a (?:comment|reply)|[✔✓]?\s*accepted answer|\d+ min read|comments section|more replies|archived)$/iu,
  // A blog's or a Q&A site's buttons and counts (Medium's `Follow`, `Listen`, `5 min read · Mar 12, 2024`,
  // `1.2K`; Quora's `Request`, `All related (38)`, `12.4K views · View upvotes`, `Upvote · 486`).
  /^(?:follow|following|join|listen|request|sort|recommended|more answers below|all related \(\d+\)|responses \(\d+\)|view upvotes)$/iu,
  /^\d+ min read\s*·.{0,30}$/iu,
  // New Reddit's post header and its comments' depth (`Posted by u/… 5 hr. ago`, `level 2`).
  new RegExp(String.raw`^posted by u\/\S+(?:\s+${POST_AGE})?$`, "iu"),
  new RegExp(`^${POST_AGE}$`, "iu"),
  /^level \d{1,2}$/iu,
  // A worksheet's blanks to fill in (`Name: ________   Class: _____`, `TOTAL: ____ / 20`).
  /^(?:[\p{L} ]{1,20}:?\s*_{3,}\s*(?:\/\s*\d{1,3}\s*)?)+$/u,
  /^(?:listen|share)(?:\s*[/·|]\s*(?:listen|share))+$/iu,
  /^[\d.,]+[KkMm]$/u,
  /^[\d.,]+[KkMm]?\s+(?:views|followers|upvotes|shares|claps|responses)(?:\s*·\s*view upvotes)?$/iu,
  /^(?:upvote|downvote|share|comment)s?\s*·\s*[\d.,]+[KkMm]?$/iu,
  // A script's stage direction or an editor's note alone on its line, in lower case (`[a bell rings in the
  // distance]`, `[music rises, then fades]`): what is heard or done, not said.
  /^\[\p{Ll}[^\]]{0,120}\]$/u,
  // An audio guide's or a phone menu's prompt (`Press 121 to hear more about the diving bell.`).
  /^(?:press|dial|enter) \d{1,4} (?:to|for) (?:hear|listen|learn|find out|return|go|more)\b.{0,120}$/iu,
  // A transcript's or a video's timestamp alone on its line (`[12:04]`, `(1:02:10)`).
  /^[[(]?(?:\d{1,2}:)?\d{1,2}:\d{2}[\])]?$/u,
  // A book's chapter label over the chapter's title (`CHAPTER IV.`, `Part 2`): the title is the heading.
  /^(?:chapter|part|book)\s+(?:[ivxlc]+|\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten)\.?$/iu,
  // A table of contents' entry with a dot leader and its page (`The Landing .......... 2`).
  /\S\s*(?:\.\s*){4,}\d{1,4}$/u,
  // A web page printed to PDF from the browser: the page's address and `page/pages` at each page's foot
  // (`https://en.wikipedia.org/wiki/Mohenjo-daro 1/4`); the date, time and title at its head go as a running header.
  /^https?:\/\/\S+\s+\d{1,3}\/\d{1,3}$/u,
  // A printed page's copyright footer (`© 2019 Earth Science Press   112`).
  /^(?:©|\(c\)|copyright\b)\s*(?:©\s*)?\d{4}\b/iu,
  // Footer: where the page came from and the categories only editors see.
  /^Retrieved from ["“]?https?:/u,
  // A clipper's or a note's line saying where the text came from, the link alone (`Source: https://…`).
  SOURCE_LINE,
  /^Hidden categories:/u,
];

/**
 * A page or slide number of text copied from a PDF, a printout or slides: `Page 3`, `Page 3 of 12`, `- 14 -`,
 * `14`, `Slide 4`, an e-reader's `Location 1187`. A bare number has at most three digits: a year alone on its
 * line heads a timeline's entry.
 */
const PAGE_NUMBER =
  /^(?:(?:page|p\.|slide)\s*\d{1,4}(?:\s*(?:of|\/)\s*\d{1,4})?|(?:location|loc\.)\s*\d{1,6}(?:\s*(?:of|\/)\s*\d{1,6})?|[-–—]?\s*\d{1,3}\s*[-–—]?)$/iu;

/** The line without the Markdown around it: a quote's `>`, emphasis (`*From Wikipedia…*`, `**Contents**`). */
function withoutLineMarkup(trimmed: string): string {
  return trimmed
    .replace(/^>\s*/u, "")
    .replace(/^([*_]{1,2})(.+)\1$/u, "$2")
    .trim();
}

/** Words of a site's own links, which a footer or menu may list two at a time (`Privacy Policy | Terms of Use`). */
const SITE_LINK_WORDS =
  /\b(?:home|about|contact|privacy|terms|cookies?|sitemap|accessibility|help|login|sign in|subscribe)\b/iu;

/** The arrow between a breadcrumb trail's steps (`Home > History`, `Animals › Birds`). */
const BREADCRUMB_ARROW = /\s+[>›»]\s+/u;

/**
 * A site's menu, footer links or breadcrumbs: short items without digits or final stops, separated by
 * `|` (three or more, or two of the site's own links) or by `>`, `›`, `»` (`Home > History > Europe`), or
 * a desktop page's menu bar copied as one line, four items or more set apart by wide spaces, one of them
 * a site's own link (`Search   Home   History & Society   Science & Tech`).
 */
function isNavigationLine(plain: string): boolean {
  if (plain.startsWith("|")) return false; // a table's row
  const item = (part: string, words = 3) =>
    new RegExp(String.raw`^\S+(?: \S+){0,${words - 1}}$`, "u").test(part) && !/[\d.!?:;,]/u.test(part);
  // A breadcrumb's arrows set it apart: its names may run to four words (`Animals of the World › Birds`).
  const crumbs = plain.split(BREADCRUMB_ARROW);
  if (crumbs.length >= 2 && crumbs.every((crumb) => item(crumb, 4))) return true;
  const spaced = plain.split(/ {3,}/u);
  if (
    spaced.length >= 4 &&
    spaced.every((part) => item(part)) &&
    spaced.some((part) => SITE_LINK_WORDS.test(part) || /^search$/iu.test(part))
  )
    return true;
  const links = plain.split(/\s+\|\s+/u);
  return (
    links.length >= 2 &&
    links.every((link) => item(link)) &&
    (links.length >= 3 || links.every((link) => SITE_LINK_WORDS.test(link)))
  );
}

/** How far down a page its breadcrumb trail may stand, in lines with text. */
const BREADCRUMB_REACH = 20;

/**
 * A web page's header down to its breadcrumb trail (`Home > GCSE > History > … > The Gunpowder Plot`): the
 * site's name, its menus and search box stand above the trail, and the page's title right under it. A trail
 * opens with `Home` or has four steps at least; each step is a short name, and none ends a sentence. A
 * page's first line may also be its kicker, the names of its sections in capitals.
 */
export function breadcrumbHeaderLines(lines: readonly string[]): Set<number> {
  let seen = 0;
  for (let n = 0; n < lines.length && seen < BREADCRUMB_REACH; n++) {
    const trimmed = (lines[n] as string).trim();
    if (trimmed === "") continue;
    seen++;
    const steps = trimmed.split(BREADCRUMB_ARROW);
    const isTrail =
      steps.length >= 3 &&
      (/^home$/iu.test(steps[0] as string) || steps.length >= 4) &&
      steps.every((step) => step.split(/\s+/u).length <= 8 && !/[.!?]$/u.test(step));
    if (isTrail || (seen === 1 && isKicker(trimmed)))
      return new Set(Array.from({ length: n + 1 }, (_, k) => k));
  }
  return new Set();
}

/**
 * A magazine's or a news site's kicker over the headline: the names of its sections in capitals
 * (`FEATURES | ARCHAEOLOGY`, `SCIENCE › SPACE`).
 */
function isKicker(trimmed: string): boolean {
  const steps = trimmed.split(/\s+[|>›»]\s+/u);
  return (
    steps.length >= 2 &&
    steps.every((step) => step.split(/\s+/u).length <= 3 && /^[^\p{Ll}]*\p{Lu}[^\p{Ll}]*$/u.test(step))
  );
}

/** A page's links to the pages before and after it, each over the linked page's title. */
const PAGE_TURN =
  /^(?:[←‹«<]\s*)?(?:previous|next|prev)\s+(?:page|article|chapter|section|lesson|guide)(?:\s*[→›»>])?$/iu;

/** The `Previous page` / `Next page` lines of a guide and the titles under them. */
export function pageTurnLines(lines: readonly string[]): Set<number> {
  const found = new Set<number>();
  lines.forEach((line, n) => {
    if (!PAGE_TURN.test(line.trim())) return;
    found.add(n);
    const next = lines[n + 1]?.trim() ?? "";
    if (next !== "" && next.split(/\s+/u).length <= 8 && !/[.!?]$/u.test(next)) found.add(n + 1);
  });
  return found;
}

/** A multiple-choice option on its own line (`a) Holbeche House`, `B. 1605`), lettered in this order. */
const CHOICE_LINE = /^\(?([a-eA-E])[).]\s+\S/u;
const CHOICE_LETTERS = "abcde";

/**
 * The options of a multiple-choice question, one a line right under it (`a) 13`, `b) 20`, `c) 36`): three or
 * more lettered in order from `a`. Without the answer key they state nothing, so they are no excerpt; the
 * question over them stays.
 */
export function choiceLines(lines: readonly string[]): Set<number> {
  const found = new Set<number>();
  for (let n = 0; n < lines.length; n++) {
    let at = n;
    while (
      at - n < CHOICE_LETTERS.length &&
      CHOICE_LINE.exec(lines[at]?.trim() ?? "")?.[1]?.toLowerCase() === CHOICE_LETTERS[at - n]
    )
      at++;
    // Under their question: lettered items after `Their tasks included:` are the text's own list.
    const question = lines[n - 1]?.trim() ?? "";
    if (at - n >= 3 && question.endsWith("?")) {
      for (let k = n; k < at; k++) found.add(k);
      n = at - 1;
    }
  }
  return found;
}

/**
 * Wikipedia's desktop page copied whole (Ctrl+A): above `From Wikipedia, the free encyclopedia` stand the
 * article's title and, over it, the site's menus, account links and the contents list; between the title and
 * that line, the page's tabs. All of it but the title goes, so that the title opens the text.
 */
export function wikipediaPageHeaderLines(lines: readonly string[]): Set<number> {
  const found = new Set<number>();
  const from = lines.findIndex((line) => line.trim() === "From Wikipedia, the free encyclopedia");
  if (from < 0) return found;
  let title = nearestTextLine(lines, from, -1);
  while (title >= 0 && SITE_CONTROLS.test(lines[title]?.trim() ?? ""))
    title = nearestTextLine(lines, title, -1);
  const titleText = lines[title]?.trim() ?? "";
  if (title < 0 || titleText.split(/\s+/u).length > 12 || /[.!?:]$/u.test(titleText)) return found;
  for (let n = 0; n < from; n++) if (n !== title) found.add(n);
  return found;
}

/**
 * A line of a site's own controls: Wikipedia's mobile and desktop tabs and menus (`Article Talk`,
 * `Language`, `Watch`, `Edit`, `Read Edit View history`, `Toggle the table of contents`), and any site's
 * header and article tools (`Search`, `Subscribe`, `Login`, `Print Cite Share Feedback`).
 */
const SITE_CONTROLS =
  /^(?:toggle the table of contents|search (?:the|this|our) \p{L}+(?: \p{L}+)?|(?:(?:article|talk|read|edit|edit source|view history|watch|unwatch|languages?|\d+ languages|tools|download pdf|printable version|actions|general|search|subscribe|log ?in|sign ?in|sign up|menu|print|cite|share|feedback)\s*)+)$/iu;

/**
 * Lines of a site's controls, in runs of two or more: one word alone (`Language`, `Edit`) may be a heading.
 * `Toggle the table of contents`, a line of several controls and a control opening the page go wherever
 * they stand, and so does a search box under the site's name, with the name.
 */
export function siteControlLines(lines: readonly string[]): Set<number> {
  const isControl = (n: number) => SITE_CONTROLS.test(lines[n]?.trim() ?? "");
  const firstLine = lines.findIndex((line) => line.trim() !== "");
  const found = new Set<number>();
  lines.forEach((line, n) => {
    if (!isControl(n)) return;
    const trimmed = line.trim();
    // Several controls on one line (`Print Cite Share Feedback`), or a page's first line (`Search`).
    const alone = /^toggle the table of contents$/iu.test(trimmed) || /\s/u.test(trimmed) || n === firstLine;
    if (alone || isControl(n - 1) || isControl(n + 1)) found.add(n);
  });
  // A phone's page opens with the site's name and its search box (`Wikipedia`, then `Search`): the name is
  // the site's, not the article's title.
  const second = nearestTextLine(lines, firstLine, 1);
  const siteName = lines[firstLine]?.trim() ?? "";
  if (/^(?:search|menu)$/iu.test(lines[second]?.trim() ?? "") && /^\S+(?: \S+){0,2}$/u.test(siteName)) {
    found.add(firstLine);
    found.add(second);
  }
  return found;
}

/**
 * An email's header lines at the top of a pasted message (`From: …`, `To: …`, `Subject: …`), mapped to
 * their field: the subject is the title, the rest is not text.
 */
/** An email's header field (`From: …`, `Subject: …`), the field's name captured. */
const EMAIL_FIELD = /^(from|to|cc|bcc|date|sent|subject|reply-to)\s*:\s*\S/iu;

export function emailHeaderLines(lines: readonly string[]): Map<number, string> {
  const headers = new Map<number, string>();
  for (const [n, line] of lines.entries()) {
    const trimmed = line.trim();
    if (trimmed === "") continue;
    const field = EMAIL_FIELD.exec(trimmed)?.[1];
    if (field === undefined) break;
    headers.set(n, field.toLowerCase());
  }
  // One `Date:` line alone is a note's, not an email's: it takes two fields and a subject or a sender.
  const fields = new Set(headers.values());
  return headers.size >= 2 && (fields.has("subject") || fields.has("from")) ? headers : new Map();
}

/** Line `n` trimmed, or empty past either end. */
function trimmedLine(lines: readonly string[], n: number): string {
  return lines[n]?.trim() ?? "";
}

/** An email client's line over the message quoted below it (`On Wed, 13 Mar 2024 at 21:07, Callum Reid <…> wrote:`). */
const QUOTE_INTRO = /^>*\s*On\s.{6,160}\swrote:$/iu;
/** The closing over a letter's signature (`Best wishes,`, `Many thanks,`). */
const VALEDICTION =
  /^(?:(?:best|kind|warm|warmest)(?: wishes| regards)?|regards|many thanks|thanks(?: again)?|with thanks|cheers|(?:yours )?(?:sincerely|faithfully|truly)(?: yours)?|all the best|take care)[,.!]?$/iu;
/** A company's confidentiality notice under an email. */
const EMAIL_DISCLAIMER = /^this (?:e-?mail|message)\b.{0,60}\b(?:confidential|intended (?:solely|only))\b/iu;

/**
 * An email thread exported as text (an email client's `… wrote:` line, or two header blocks): each
 * message's header lines wherever they stand, its greeting (`Dear Callum,`) and closing, the confidentiality
 * notice, and the earlier messages quoted in `>` lines (the thread holds them again, lower down), go; the
 * signature under each closing is read a line a sentence, never as headings.
 */
export function emailThreadLines(lines: readonly string[]): {
  furniture: Set<number>;
  signature: Set<number>;
} {
  const found = new Set<number>();
  const signature = new Set<number>();
  const headerFields = lines.filter((line) => /^(?:from|sent)\s*:\s*\S/iu.test(line.trim())).length;
  /** The `>`-quoted lines from line `from` on. */
  const dropQuotedFrom = (from: number) => {
    for (let k = from; k < lines.length && trimmedLine(lines, k).startsWith(">"); k++) found.add(k);
  };
  if (!lines.some((line) => QUOTE_INTRO.test(line.trim())) && headerFields < 2)
    return { furniture: found, signature };
  lines.forEach((line, n) => {
    const trimmed = line.trim();
    if (EMAIL_FIELD.test(trimmed)) found.add(n);
    if (/^(?:dear|hi|hello)\s.{1,40},$/iu.test(trimmed)) found.add(n);
    // The notice runs to the end of its paragraph.
    if (EMAIL_DISCLAIMER.test(trimmed)) for (let k = n; trimmedLine(lines, k) !== ""; k++) found.add(k);
    // A greeting by name alone (`Dan,`), and an email client's separator (`-----Original Message-----`).
    if (/^\p{Lu}\p{Ll}+(?:\s\p{Lu}\p{Ll}+)?,$/u.test(trimmed) && trimmedLine(lines, n + 1) === "")
      found.add(n);
    if (/^-{2,}\s*(?:original|forwarded) message\s*-{2,}$/iu.test(trimmed)) found.add(n);
    // A message quoted under its own `>`-quoted header block (`> From: …`), as Outlook quotes one.
    if (
      /^>/u.test(trimmed) &&
      EMAIL_FIELD.test(trimmed.replace(/^[>\s]+/u, "")) &&
      !trimmedLine(lines, n - 1).startsWith(">")
    )
      dropQuotedFrom(n);
    if (QUOTE_INTRO.test(trimmed)) {
      found.add(n);
      dropQuotedFrom(n + 1);
    }
    if (VALEDICTION.test(trimmed)) {
      found.add(n);
      // The signature: short lines and the blanks between them, up to the first line of prose. Who wrote
      // (`Assistant Curator, …`) may be what a question calls them, so its lines stay, each a sentence.
      for (let k = n + 1; k < lines.length; k++) {
        const next = trimmedLine(lines, k);
        if (next !== "" && (next.split(/\s+/u).length > 12 || /[.!?]$/u.test(next) || QUOTE_INTRO.test(next)))
          break;
        if (next !== "") signature.add(k);
      }
    }
  });
  return { furniture: found, signature };
}

const DATE = String.raw`(?:\d{1,2}(?:st|nd|rd|th)?\s+\p{L}{3,9}\.?|\p{L}{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?)\s+\d{4}`;
const WEEKDAY = String.raw`(?:mon|tue|wed|thu|fri|sat|sun)\p{L}*\.?,?`;
const TIME_OF_DAY = String.raw`\d{1,2}[.:]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s+\p{Lu}{2,5})?`;

/**
 * A news page's dateline: a date alone on its line with its weekday or its time (`Thu 14 Oct 2010 04.20
 * BST`, `October 14, 2010 at 9:55pm`). A date alone may head a timeline's entry; a weekday or a minute does not.
 */
const DATELINE = new RegExp(
  String.raw`^(?:${WEEKDAY}\s+${DATE}(?:,?\s+(?:at\s+)?${TIME_OF_DAY})?|${DATE},?\s+(?:at\s+)?${TIME_OF_DAY})$`,
  "iu",
);

const BARE_DATE = new RegExp(`^${DATE}$`, "u");

/**
 * A news page's dateline and the byline over it (`Elena Ruiz in Copiapó`, `By Jane Smith`: a short line
 * without final punctuation right before the dateline). Neither is the article's text, nor a heading.
 */
export function datelineLines(lines: readonly string[]): Set<number> {
  const found = new Set<number>();
  lines.forEach((line, n) => {
    // A date alone is a dateline under a byline (`By Keoni Alapaʻi` over `March 8, 2025`).
    const underByline = BARE_DATE.test(line.trim()) && /^By \p{Lu}/u.test(lines[n - 1]?.trim() ?? "");
    if (!underByline && !DATELINE.test(withoutLineMarkup(line.trim()))) return;
    found.add(n);
    if (isShortBareLine(lines[n - 1] ?? "", 6)) found.add(n - 1);
  });
  return found;
}

/** A credit line over the names it credits (`Written by`, `Fact-checked by`, `Reviewed by`). */
const CREDIT_BY =
  /^(?:written|fact[- ]checked|reviewed|edited|compiled|contributed|produced|medically reviewed) by:?$/iu;

/**
 * A web article's credits: a `Written by` line and the name under it (a short line without final
 * punctuation), and the writer's note between that name and the next credit line within two lines
 * (`Lecturer in Near Eastern Archaeology …`, then `Fact-checked by`). The name is not a heading, and who
 * wrote the page is not what it says.
 */
export function creditLines(lines: readonly string[]): Set<number> {
  const found = new Set<number>();
  const isCredit = (n: number) => CREDIT_BY.test(lines[n]?.trim() ?? "");
  lines.forEach((_, n) => {
    if (!isCredit(n)) return;
    found.add(n);
    if (!isShortBareLine(lines[n + 1] ?? "", 6)) return;
    found.add(n + 1);
    const next = [n + 3, n + 4].find(isCredit);
    if (next !== undefined) for (let note = n + 2; note < next; note++) found.add(note);
  });
  return found;
}

/**
 * Wikipedia's mobile site puts each section's edit link on its own line under the heading (`Geology`,
 * then `edit`); pasted, it would join the heading to the section's first sentence (`Geology edit The
 * sculpture …`). Only the lower-case word after a short line without final punctuation is the link.
 */
export function sectionEditLinkLines(lines: readonly string[]): Set<number> {
  const found = new Set<number>();
  lines.forEach((line, n) => {
    if (!/^edit(?: source)?$/u.test(line.trim())) return;
    let before = n - 1;
    while (before >= 0 && trimmedLine(lines, before) === "") before--;
    if (isShortBareLine(trimmedLine(lines, before), 8)) found.add(n);
  });
  return found;
}

/** A note's marker opening its line (`[1]Paul Boyer …`, `[a]Ms Patel: expand this?`). */
const NOTE_MARKER = /^\[(\d{1,3}|\p{L}{1,2})\]/u;

/**
 * The notes of a word processor's export, listed after the text without a heading: lines opening with a
 * marker (`[1]`, `[a]`) that the text cites inside a sentence before (`… invisible hands.[1] Within …`), two
 * or more of them together (blank lines between allowed). Footnotes and reviewers' comments are not the
 * article's text; a numbered list whose markers the text never cites stays.
 */
export function noteListLines(lines: readonly string[]): Set<number> {
  const cited = new Set<string>();
  const isNote: boolean[] = lines.map((line) => {
    const trimmed = line.trim();
    const marker = NOTE_MARKER.exec(trimmed)?.[0];
    const note = marker !== undefined && cited.has(marker) && trimmed.length > marker.length;
    for (const inline of (marker === undefined ? trimmed : trimmed.slice(marker.length)).matchAll(
      /(?<=\S)\[(?:\d{1,3}|\p{L}{1,2})\]/gu,
    ))
      cited.add(inline[0]);
    return note;
  });
  const found = new Set<number>();
  const nearNote = (n: number, step: number) => {
    for (let at = n + step; at >= 0 && at < lines.length; at += step) {
      if (isNote[at]) return true;
      if ((lines[at]?.trim() ?? "") !== "") return false;
    }
    return false;
  };
  isNote.forEach((note, n) => {
    if (note && (nearNote(n, -1) || nearNote(n, 1))) found.add(n);
  });
  return found;
}

/** A social post's author handle alone on its line (`@tamsinreadsold`). */
const HANDLE_LINE = /^@[\p{L}\p{N}_]{1,30}$/u;

/** What a copied social thread sets around each post: counts, dates, separators and buttons. */
const SOCIAL_POST_FURNITURE: readonly RegExp[] = [
  /^·$/u,
  // The post's date in the timeline (`Mar 4`, `Mar 4, 2023`, `4h`).
  /^(?:\p{Lu}\p{Ll}{2}\.? \d{1,2}(?:, \d{4})?|\d{1,2}[smhd])$/u,
  // Reply, repost, like and view counts (`318`, `21.3K`, `412.7K Views`), the word perhaps on the next line.
  /^\d[\d,.]*[KkMm]?(?: (?:views|likes|reposts|retweets|replies|quotes|bookmarks))?$/iu,
  /^(?:views|likes|reposts|retweets|replies|quotes|bookmarks)$/iu,
  // A picture's place in the post, and the label over its description (`Image`, `ALT`).
  /^(?:image|alt|gif|video)$/iu,
  /^(?:show more|show replies|show this thread|follow|following|replying to @.{1,60}|post your reply|relevant people|see new posts|conversation|post|quote|translate post)$/iu,
];

/**
 * A thread copied from a social network (`Tamsin Achebe-Ward` / `@tamsinreadsold` / `·` / `Mar 4` / the post /
 * `41` / `612` / `5.8K Views`), told by two or more handles alone on their lines: the name and handle over
 * each post, its date, its counts and the site's buttons. Only the posts are text.
 */
export function socialPostLines(lines: readonly string[]): {
  furniture: Set<number>;
  postStarts: Set<number>;
} {
  const furniture = new Set<number>();
  const postStarts = new Set<number>();
  const handles = lines.flatMap((line, n) => (HANDLE_LINE.test(line.trim()) ? [n] : []));
  if (handles.length < 2) return { furniture, postStarts };
  for (const n of handles) {
    furniture.add(n);
    if (isShortBareLine(lines[n - 1] ?? "", 5)) {
      furniture.add(n - 1);
      postStarts.add(n - 1);
    } else postStarts.add(n);
  }
  lines.forEach((line, n) => {
    if (SOCIAL_POST_FURNITURE.some((pattern) => pattern.test(line.trim()))) furniture.add(n);
    // A picture's description is a paragraph apart from the post's text around it.
    if (/^alt$/iu.test(line.trim())) postStarts.add(n + 1).add(n + 2);
  });
  return { furniture, postStarts };
}

/** A thread's numbering at either end of a post's line (`2/ The paper was …`, `… of 1835. 1/`, `/end`). */
const THREAD_NUMBER = /^\s*(?:\d{1,3}\/\d{0,3})(?=\s)|\s(?:\d{1,3}\/\d{0,3}|\/end)\.?\s*$/gu;

/** A social thread's line without its post numbering, blanked so that offsets stay where they were. */
export function withoutThreadNumbers(line: string): string {
  return line.replace(THREAD_NUMBER, (number) => " ".repeat(number.length));
}

/** How far down a Markdown file's front matter may close. */
const FRONT_MATTER_REACH = 60;

/**
 * A Markdown file's front matter (Obsidian, Jekyll, Hugo): YAML between a `---` first line and the next
 * `---`, with a `key:` line in it. It describes the note (`tags:`, `created:`); it is not its text.
 */
export function frontMatterLines(lines: readonly string[]): Set<number> {
  if (lines[0]?.trim() !== "---") return new Set();
  const close = lines.findIndex((line, n) => n > 0 && n <= FRONT_MATTER_REACH && line.trim() === "---");
  if (close < 0 || !lines.slice(1, close).some((line) => /^[\w-]{1,40}:(?:\s|$)/u.test(line)))
    return new Set();
  return new Set(Array.from({ length: close + 1 }, (_, n) => n));
}

/** A post's byline on a blog or a Q&A site: a credential and how long ago (`Studied History at Leeds · 4y`). */
const CREDENTIAL_LINE = new RegExp(
  String.raw`^.{3,120}\s·\s(?:updated\s+)?(?:\d{1,2}[ymwdh]|${POST_AGE})$`,
  "iu",
);
/** A list of other pages' questions (`Related questions`, `People also ask`), one question a line. */
const RELATED_QUESTIONS = /^(?:related questions|people also ask|related)$/iu;
/** Most words in the title of a post a blog lists under `Related`. */
const RELATED_TITLE_WORDS = 12;
/** Medium's footer: `Written by …` over the writer's followers, bio, other posts and responses. */
const WRITTEN_BY = /^written by\s+\p{Lu}/iu;
const FOLLOWERS = /^[\d.,]+[KkMm]?\s+followers$/iu;

/** A forum's name over a copied thread (`r/AskHistorians`). */
const FORUM_NAME = /^r\/[\w]{2,21}$/u;

/**
 * A blog post's or a Q&A page's furniture that only its neighbours tell: the writer's name over `Follow` or
 * over a credential line, a forum member's flair under it (`u/QuechuaQuill · 5y` / `Andean history`), the
 * forum's name, a list of related questions, and a footer from `Written by …` (followed by the writer's
 * follower count) to the end. Each credential line starts a post.
 */
export function postBylineLines(lines: readonly string[]): {
  furniture: Set<number>;
  postStarts: Set<number>;
} {
  const found = new Set<number>();
  const postStarts = new Set<number>();
  lines.forEach((line, n) => {
    const trimmed = line.trim();
    const credential = CREDENTIAL_LINE.test(trimmed);
    if (FORUM_NAME.test(trimmed)) found.add(n);
    // The post's age on the line under `Posted by u/…` (`16h`).
    if (/^posted by u\/\S+$/iu.test(trimmed) && /^\d{1,2}[ymwdh]$/u.test(trimmedLine(lines, n + 1)))
      found.add(n + 1);
    if (credential || /^follow$/iu.test(trimmed)) {
      found.add(n);
      // The writer's name, right above or a blank line above.
      const name = nearestTextLine(lines, n, -1);
      if (name >= n - 2 && isShortBareLine(trimmedLine(lines, name), 4)) found.add(name);
    }
    if (credential) {
      postStarts.add(n);
      // A member's flair: a few words between the handle and the post.
      if (
        /^u\//u.test(trimmed) &&
        isShortBareLine(trimmedLine(lines, n + 1), 4) &&
        trimmedLine(lines, n + 2) === ""
      )
        found.add(n + 1);
    }
    if (RELATED_QUESTIONS.test(trimmed)) {
      found.add(n);
      for (let k = n + 1; k < lines.length; k++) {
        const next = trimmedLine(lines, k);
        if (next === "" || isPageFurniture(next) || /\?$/u.test(next)) found.add(k);
        else break;
      }
      // A blog's `Related` over its other posts' titles, one a line up to the next blank line.
      if (/^related$/iu.test(trimmed))
        for (let k = n + 1; isShortBareLine(trimmedLine(lines, k), RELATED_TITLE_WORDS); k++) found.add(k);
    }
    if (WRITTEN_BY.test(trimmed) && [1, 2].some((k) => FOLLOWERS.test(trimmedLine(lines, n + k))))
      for (let k = n; k < lines.length; k++) found.add(k);
  });
  return { furniture: found, postStarts };
}

/** A Q&A site's stamp on a post: who did what when (`asked Mar 3, 2021 at 14:02`, `edited 2 days ago`). */
/** When a post was made or changed (`Mar 3, 2021 at 14:02`, `2 days ago`, `today`). */
const POSTED_WHEN = String.raw`(?:\p{L}{3}\s+\d{1,2}(?:,\s*'?\d{2,4})?\s+at\s+\d{1,2}:\d{2}|\d+\s+\p{L}+\s+ago|yesterday|today)`;
const POST_STAMP = new RegExp(String.raw`^(?:asked|answered|edited|modified)\s+${POSTED_WHEN}$`, "iu");

/** A Q&A page's own age, or a post's, and its views (`Asked 3 years, 1 month ago`, `Viewed 21k times`). */
const POST_AGE_LINE =
  /^(?:asked|modified|viewed|active)\s+(?:.{1,30}\s+ago|today|yesterday|[\d.,]+[kKmM]?\s+times)$/iu;

/** A Q&A site's buttons and headers around its posts. */
const QA_SITE_FURNITURE: readonly RegExp[] = [
  /^Share(?:\s+Improve this (?:question|answer))?(?:\s+Follow)?$/iu,
  POST_AGE_LINE,
  /^(?:sorted by:?|highest score \(default\)|trending \(recent votes count more\)|date modified \(newest first\)|date created \(oldest first\))$/iu,
  // A post's votes, or a member's reputation (`41`, `14.2k`, `3,902`).
  /^[\d.,]+[kK]?$/u,
  // A member's badges under the reputation (`4 silver badges 15 bronze badges`).
  /^(?:[\d.,]+[kK]?\s+(?:gold|silver|bronze)\s+badges?\s*)+$/iu,
  /^add a comment$/iu,
];

/** Where a Q&A page's own matter ends and its invitations and lists of other questions begin. */
const QA_PAGE_TAIL =
  /^(?:your answer|not the answer you're looking for\?.*|browse other questions tagged .*)$/iu;

/** A comment's signature ending its line (`… – Semaphore Mar 3, 2021 at 14:40`). */
const COMMENT_SIGNATURE = new RegExp(
  // A moderator's name carries a diamond (`Semaphore ♦`).
  String.raw`\s+[–—-]\s+[\p{L}\p{N}_.' -]{1,40}?(?:\s+♦)?\s+${POSTED_WHEN}$`,
  "u",
);

/**
 * A question-and-answer page copied from Stack Exchange or a site like it, told by two or more post stamps
 * (`asked Mar 3, 2021 at 14:02`, `answered …`): the stamps, the member's name and reputation under each,
 * the votes, the tags over the question's buttons and the buttons are furniture; each comment is a paragraph
 * of its own, without its signature (`– Semaphore Mar 3, 2021 at 14:40`), whose length is given by line.
 */
export function qaSiteLines(lines: readonly string[]): {
  furniture: Set<number>;
  postStarts: Set<number>;
  signatures: Map<number, number>;
} {
  const furniture = new Set<number>();
  const postStarts = new Set<number>();
  const signatures = new Map<number, number>();
  const stamps = lines.flatMap((line, n) => (POST_STAMP.test(line.trim()) ? [n] : []));
  if (stamps.length < 2) return { furniture, postStarts, signatures };
  lines.forEach((line, n) => {
    const trimmed = line.trim();
    if (QA_SITE_FURNITURE.some((pattern) => pattern.test(trimmed))) furniture.add(n);
    // The question's tags: lower-case words alone on the line over its buttons (a blank line between or not).
    if (
      /^Share\b/iu.test(trimmedLine(lines, nearestTextLine(lines, n, 1))) &&
      /^[\p{Ll}\d.+#-]+(?:\s+[\p{Ll}\d.+#-]+)*$/u.test(trimmed)
    )
      furniture.add(n);
    const signature = COMMENT_SIGNATURE.exec(line);
    if (signature !== null) {
      signatures.set(n, signature[0].length);
      postStarts.add(n);
    }
  });
  // The site's header and menus stand above the question's title, the line over its first `Asked …` line;
  // its invitations to answer and its lists of other questions follow the last post, to the page's end.
  const firstShown = lines.findIndex(
    (line) => /^asked\s/iu.test(line.trim()) && POST_AGE_LINE.test(line.trim()),
  );
  const title = firstShown > 0 ? nearestTextLine(lines, firstShown, -1) : -1;
  for (let n = 0; n < title; n++) furniture.add(n);
  const last = stamps[stamps.length - 1] as number;
  const tail = lines.findIndex((line, n) => n > last && QA_PAGE_TAIL.test(line.trim()));
  if (tail > 0) for (let n = tail; n < lines.length; n++) furniture.add(n);
  for (const n of stamps) {
    furniture.add(n);
    // The member's card under the last stamp: a name, then the reputation.
    if (!POST_STAMP.test(trimmedLine(lines, n + 1)) && isShortBareLine(trimmedLine(lines, n + 1), 4))
      furniture.add(n + 1);
  }
  return { furniture, postStarts, signatures };
}

/** A date alone on its line (`14 March 2024`, `March 14, 2024`, `14/03/2024`, `2024-03-14`). */
const DATE_LINE = new RegExp(
  String.raw`^(?:${DATE}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2})$`,
  "iu",
);

/** How many lines a document's header block may lie from the top. */
const HEADER_REACH = 12;

/**
 * A document's header block over its text, as an essay or a report sets it (`Jordan Ellis` / `AP U.S.
 * History, Period 3` / `Ms Patel` / `14 March 2024`): three or more short lines together before the first
 * paragraph, one of them a date, labelled or not. Who wrote it, for whom and when are not headings, and not what it says.
 */
export function documentHeaderLines(lines: readonly string[]): Set<number> {
  const found = new Set<number>();
  const isShort = (line: string) =>
    line !== "" && line.split(/\s+/u).length <= 8 && !/[.!?:;]["'”’)]?$/u.test(line);
  let start = 0;
  for (let n = 0; n <= Math.min(lines.length, HEADER_REACH); n++) {
    const line = lines[n]?.trim() ?? "";
    if (isShort(line)) continue;
    const run = lines.slice(start, n).map((entry) => entry.trim());
    // The date may carry its label (`Date submitted: 14 March 2024`).
    const isDate = (entry: string) => DATE_LINE.test(entry.replace(/^[\p{L} ]{1,24}:\s*/u, ""));
    if (run.length >= 3 && run.some(isDate)) for (let at = start; at < n; at++) found.add(at);
    // The first paragraph ends the header's reach.
    if (line.split(/\s+/u).length >= 12) break;
    start = n + 1;
  }
  return found;
}

/** How many lines from the top a journal paper's front matter may reach. */
const PAPER_HEAD_REACH = 30;
/** A journal's label for the kind of paper, over its title (`Review`, `Research Article`). */
const PAPER_KIND =
  /^(?:review|review article|mini[- ]review|article|research article|original article|original research|research paper|communication|short communication|brief report|letter|commentary|perspective|editorial|case report)$/iu;
/** A paper's history (`Received: 14 March 2022 / Accepted: 30 May 2022`), or its citation with a DOI. */
const PAPER_HISTORY = /^(?:received|submitted|accepted|published|revised)\s*:?\s+[^.!?]{0,80}\d{4}\b/iu;
const PAPER_DOI = /\b(?:doi\.org\/|doi:\s*)10\.\d{4,}\//iu;
/** The authors' byline (`by Ana Ruiz 1,2, Samuel K. Mensah 1 and …`), with affiliation numbers or not. */
const AUTHOR_BYLINE = /^by\s+\p{Lu}(?:[^.!?]|(?<=\s\p{Lu})\.){0,400}$/u;
/** An affiliation under the byline (`1 Institute of Avian Research, …`), or the corresponding author's mark. */
const AFFILIATION =
  /^(?:\d{1,2}|[*†‡])\s*(?:\p{Lu}[\p{L}'’-]*\s+){0,3}(?:department|institute|school|faculty|university|laborator(?:y|ies)|centre|center|college|division|museum|hospital|library|archives?|foundation|author to whom|correspondence|corresponding author)\b/iu;
/**
 * A journal's masthead as its PDF copies (`Contents lists available at ScienceDirect`, the journal's name,
 * `journal homepage: …`), its citation line over it (`Journal of … 14 (2023) 101482`), and the labels of the
 * article's info and abstract, spaced out letter by letter (`A R T I C L E  I N F O`) or not.
 */
const PAPER_MASTHEAD =
  /^(?:contents lists available at .{1,40}|journal homepage:.*|article history:?|article info)$/iu;
const JOURNAL_CITATION = /^\p{Lu}[\p{L}&,:' -]{4,80}\s\d{1,4}\s\(\d{4}\)\s[\d–-]{1,12}$/u;
const SPACED_LABEL = /^\p{Lu}(?:\s{1,2}\p{Lu}){3,}$/u;
/** A paper's keywords: the label and the keywords under it, one a line, up to a blank line. */
const KEYWORDS_LABEL = /^key\s?words?:?$/iu;
/** An affiliation marked by a letter (`a School of Civil Engineering, …`), as some journals mark them. */
const LETTERED_AFFILIATION =
  /^[a-h]\s+(?:\p{Lu}[\p{L}'’-]*\s+){0,3}(?:department|institute|school|faculty|university|laborator(?:y|ies)|centre|center|college|division|museum|hospital|library|archives?|foundation)\b/iu;
/** The authors over lettered affiliations, each name with its letters glued on (`Niamh Gallaghera, Tomás Ferreirab,*`). */
const GLUED_AUTHORS =
  /^\p{Lu}[\p{L}'’-]*\.?(?:\s+\p{Lu}[\p{L}'’-]*\.?){1,3}(?:,\*?\s+\p{Lu}[\p{L}'’-]*\.?(?:\s+\p{Lu}[\p{L}'’-]*\.?){1,3}){1,9},?\*?$/u;

/** One author with the numbers of their affiliations (`Eleanor J. Whitcombe 1 3`). */
const NUMBERED_AUTHOR = String.raw`\p{Lu}[\p{L}'’-]*\.?(?:\s+\p{Lu}[\p{L}'’-]*\.?){1,3}(?:\s+\d{1,2}(?:,\d{1,2})*)+`;
/** A database's list of authors without `by`, each with their affiliations' numbers, and the heading over those. */
const NUMBERED_AUTHORS = new RegExp(
  String.raw`^${NUMBERED_AUTHOR}(?:,\s+${NUMBERED_AUTHOR})*(?:,?\s+and\s+${NUMBERED_AUTHOR})?$`,
  "u",
);
const AFFILIATIONS_HEADING = /^(?:author )?affiliations?$/iu;

/**
 * A journal paper's front matter as its web page is copied: the kind of paper over the title, the authors'
 * byline (or a database's list of authors with their affiliations' numbers) and affiliations, the journal's
 * citation with the DOI, and the paper's history. Only where the
 * page shows its DOI or its history near the top, so that a textbook's `Review` heading stays.
 */
export function paperFrontMatterLines(lines: readonly string[]): Set<number> {
  const top = lines.slice(0, PAPER_HEAD_REACH).map((line) => line.trim());
  const found = new Set<number>();
  // The journal's citation is short (`Animals 2022, 12(11), 1457; https://doi.org/…`); a sentence may cite a DOI.
  const isCitation = (line: string) => PAPER_DOI.test(line) && line.split(/\s+/u).length <= 20;
  if (!top.some((line) => PAPER_HISTORY.test(line) || isCitation(line))) return found;
  const first = top.findIndex((line) => line !== "");
  if (first >= 0 && PAPER_KIND.test(top[first] as string)) found.add(first);
  let keywords = false;
  top.forEach((line, n) => {
    keywords = line !== "" && (keywords || KEYWORDS_LABEL.test(line));
    // The masthead's journal name stands between its two lines.
    const inMasthead =
      /^contents lists available/iu.test(top[n - 1] ?? "") && /^journal homepage/iu.test(top[n + 1] ?? "");
    if (
      keywords ||
      inMasthead ||
      PAPER_MASTHEAD.test(line) ||
      JOURNAL_CITATION.test(line) ||
      SPACED_LABEL.test(line) ||
      LETTERED_AFFILIATION.test(line) ||
      (GLUED_AUTHORS.test(line) && LETTERED_AFFILIATION.test(top[n + 1] ?? "")) ||
      isCitation(line) ||
      PAPER_HISTORY.test(line) ||
      AUTHOR_BYLINE.test(line) ||
      NUMBERED_AUTHORS.test(line) ||
      AFFILIATIONS_HEADING.test(line) ||
      AFFILIATION.test(line)
    )
      found.add(n);
  });
  return found;
}

/** A line of running text: `minWords` words or more, ending a sentence. */
function isParagraphLine(trimmed: string, minWords: number): boolean {
  return trimmed.split(/\s+/u).length >= minWords && /[.!?]["'”’)]?$/u.test(trimmed);
}

/** How many lines from the top a site's menus may reach. */
const MENU_REACH = 40;

/**
 * A site's menus copied above an article: runs of four or more short lines (at most four words each,
 * without final punctuation; one other line may sit among them), between blank lines, before the article's first paragraph, holding at least
 * one of a site's own links or controls (`Home`, `Search`, `Subscribe`). A run of short lines further down,
 * or without such a word, may be a list or an outline, and stays. A menu bar copied there as one line is a
 * menu too: four capitalised items or more set apart by two spaces or more (`Visit  Exhibitions  Learn  Shop`;
 * tab-separated cells may be a table's header, which `buttonRowLines` tells apart).
 */
export function menuLines(lines: readonly string[]): Set<number> {
  const found = new Set<number>();
  const firstParagraph = lines.findIndex((line) => isParagraphLine(line.trim(), 12));
  const reach = Math.min(Math.max(firstParagraph, 0), MENU_REACH);
  const isShort = (line: string) => line.split(/\s+/u).length <= 4 && !/[.!?:;]$/u.test(line);
  const isMenuItem = (item: string) => /^\p{Lu}\S*(?: \S+){0,2}$/u.test(item) && !/[\d.!?:;,]/u.test(item);
  for (let n = 0; n < reach; n++) {
    const items = (lines[n] ?? "").trim().split(/ {2,}/u);
    if (items.length >= 4 && items.every(isMenuItem)) found.add(n);
  }
  // Only runs that a blank line closes within reach.
  for (const { start, end } of blankSeparatedBlocks(lines).filter((block) => block.end < reach)) {
    const run = lines.slice(start, end).map((entry) => entry.trim());
    const siteWords = run.some((entry) => SITE_LINK_WORDS.test(entry) || SITE_CONTROLS.test(entry));
    // A search box's prompt may sit among the links (`What are you looking for?`).
    const shortLines = run.filter(isShort).length;
    if (run.length >= 4 && shortLines >= Math.max(4, run.length - 1) && siteWords)
      for (let at = start; at < end; at++) found.add(at);
  }
  return found;
}

/**
 * A row of a page's buttons or menu copied as tab-separated cells (`Buy tickets⇥Plan your visit⇥Print this
 * page`): three or more short cells without digits or punctuation, with no tab-separated line next to it,
 * where a table has two rows or more.
 */
export function buttonRowLines(lines: readonly string[]): Set<number> {
  const isTabbed = (n: number) => tabCells(lines[n] ?? "").length >= 2;
  const isButton = (cell: string) => /^\S+(?: \S+){0,3}$/u.test(cell) && !/[\d.!?:;,]/u.test(cell);
  const found = new Set<number>();
  lines.forEach((line, n) => {
    const cells = tabCells(line).map((cell) => cell.text.trim());
    if (cells.length < 3 || isTabbed(n - 1) || isTabbed(n + 1)) return;
    if (cells.every(isButton)) found.add(n);
  });
  return found;
}

/**
 * A site's name over its menu, as a copied page starts (`Historic Environment Scotland | Àrainneachd
 * Eachdraidheil Alba`, then `Search`, `Menu`): the first line not yet known as furniture, two or three short
 * names set apart by `|`, when the next line is furniture; or one short name over a menu bar of four items
 * or more, under furniture or opening the page (a newspaper's masthead between `Skip to main content` and
 * `News | Local | …`, a museum's name over `Visit  Exhibitions  Learn  Shop`; a mobile page's title sits over
 * single controls, `Article`, `Talk`); or a blog's name and its tagline, each a line, over its menu.
 */
export function siteBannerLines(
  lines: readonly string[],
  isFurniture: (n: number) => boolean,
  isMenu: (n: number) => boolean,
): number[] {
  const first = lines.findIndex(
    (line, n) => line.trim() !== "" && !isFurniture(n) && !isPageFurniture(line.trim()),
  );
  if (first < 0) return [];
  const parts = (lines[first] as string).trim().split(/\s+\|\s+/u);
  const isName = (part: string) => /^\S+(?: \S+){0,5}$/u.test(part) && !/[.!?:;]$/u.test(part);
  const underFurniture = lines.slice(0, first).some((line) => line.trim() !== "");
  const isMenuBar = (n: number) =>
    n >= 0 &&
    (underFurniture || isMenu(n)) &&
    (lines[n] as string).trim().split(/\s+\|\s+|\s{3,}| {2,}/u).length >= 4;
  const next = nearestTextLine(lines, first, 1);
  // A blog's name and its tagline over the menu bar (`The Pocket Historian` / `Big history in small bites`).
  const taglineMenu = next >= 0 ? nearestTextLine(lines, next, 1) : -1;
  const tagline =
    parts.length === 1 &&
    isName(parts[0] as string) &&
    next >= 0 &&
    isName((lines[next] as string).trim()) &&
    isMenu(taglineMenu) &&
    isMenuBar(taglineMenu);
  if (tagline) return [first, next];
  const overMenuBar = isMenuBar(next);
  if (parts.length < (overMenuBar ? 1 : 2) || parts.length > 3) return [];
  if (!parts.every(isName)) return [];
  return next >= 0 && (isFurniture(next) || isPageFurniture((lines[next] as string).trim())) ? [first] : [];
}

/** Whether a trimmed line is page furniture rather than article text. */
export function isPageFurniture(trimmed: string): boolean {
  const plain = withoutLineMarkup(trimmed);
  return (
    PAGE_NUMBER.test(plain) ||
    isNavigationLine(plain) ||
    FURNITURE_LINES.some((pattern) => pattern.test(plain))
  );
}

/** The heading of a pasted table of contents (`Contents`, `Contents [hide]`, `**Contents**`, `Table of contents`). */
export function isContentsHeading(trimmed: string): boolean {
  return /^(?:Table of contents|Contents(?:\s*\[?hide\]?)?)$/iu.test(withoutLineMarkup(trimmed));
}

/**
 * The date and time a browser stamps at the head of each printed page (`12/3/25, 4:17 PM Mohenjo-daro -
 * Wikipedia`), then the page's title.
 */
const PRINT_STAMP = /^\d{1,2}\/\d{1,2}\/\d{2,4},?\s+\d{1,2}:\d{2}(?:\s*[AP]M)?\s+\S/iu;

/**
 * A web page printed to PDF from the browser: the running header with its print stamp atop each page. Unlike
 * another running header, it is no title even on the first line: the page's own title comes after it.
 */
export function printHeaderLines(lines: readonly string[], headers: ReadonlySet<string>): Set<number> {
  return new Set(
    lines.flatMap((line, n) => {
      const trimmed = line.trim();
      return PRINT_STAMP.test(trimmed) && headers.has(runningHeaderKey(trimmed)) ? [n] : [];
    }),
  );
}

/** A web address alone (`https://en.wikipedia.org/wiki/Timbuktu`). */
const WEB_ADDRESS = /^https?:\/\/\S+$/u;

/**
 * Running headers and footers of a copied document: a line of two words or more (or a web address alone),
 * without final punctuation, that stands alone on several pages (`HUMAN PHYSIOLOGY | Unit 9` atop each,
 * `© 2019 Earth Science Press` under each): three times or more, or twice with a page number within two
 * lines of one of them. An article's own headings rarely repeat word for word, and a page number marks a
 * page's edge. (The parser still reads the first text line, which may be the title.)
 */
export function runningHeaders(lines: readonly string[]): Set<string> {
  const text = lines.map((line) => line.trim()).filter((line) => line !== "");
  const seen = new Map<string, { count: number; byPageNumber: boolean }>();
  text.forEach((whole, n) => {
    const line = runningHeaderKey(whole);
    // A page's address alone counts too: a browser prints it at the foot of each page, beside the number.
    const words = line.split(/\s+/u).length;
    if ((words < 2 && !WEB_ADDRESS.test(line)) || /[.!?:;,]$/u.test(line) || /^(?:#|[-*+•]\s|\|)/u.test(line))
      return;
    const byPageNumber =
      line !== whole || text.slice(Math.max(0, n - 2), n + 3).some((near) => PAGE_NUMBER.test(near));
    const entry = seen.get(line) ?? { count: 0, byPageNumber: false };
    seen.set(line, { count: entry.count + 1, byPageNumber: entry.byPageNumber || byPageNumber });
  });
  return new Set(
    [...seen]
      .filter(([, { count, byPageNumber }]) => count >= 3 || (count === 2 && byPageNumber))
      .map(([line]) => line),
  );
}

/** A footnote at a printed page's foot, opening with its superscript number (`¹ Leghorn is …`). */
export const FOOTNOTE_LINE = /^[¹²³⁴⁵⁶⁷⁸⁹⁰]+\s/u;

/**
 * The rule a document copied from a PDF or a word processor draws over a page's footnotes
 * (`_______________`), when a numbered note follows it (`1 Russell, E. W. B. (1987) …`).
 */
export const FOOTNOTE_RULE = /^(?:_{5,}|[─━]{5,})$/u;
/** A footnote under such a rule, opening with its number in plain digits (the first group). */
export const NUMBERED_FOOTNOTE = /^(\d{1,3})\s+\S/u;

/** A word processor's or an essay's heading over its numbered notes (`Notes`, `## Endnotes`). */
const NOTES_HEADING = /^(?:#{1,6}\s*)?(?:notes|endnotes|footnotes)$/iu;
/** A note under such a heading, opening with its number (`7 Ibid., p. 148.`, `7. Ibid.`). */
const LISTED_NOTE = /^(\d{1,3})\.?\s+\S/u;

/**
 * The numbers of the notes a document lists, each note opening its line: under footnote rules, or under a
 * `Notes` heading (two notes at least, up to the first line that is not one: the bibliography's heading).
 */
export function pageNoteNumbers(lines: readonly string[]): Set<string> {
  const numbers = new Set<string>();
  lines.forEach((line, n) => {
    if (FOOTNOTE_RULE.test(line.trim())) {
      for (let next = n + 1; next < lines.length && (lines[next] as string).trim() !== ""; next += 1) {
        const number = NUMBERED_FOOTNOTE.exec((lines[next] as string).trim())?.[1];
        if (number !== undefined) numbers.add(number);
      }
    } else if (NOTES_HEADING.test(line.trim())) {
      const listed: string[] = [];
      for (let next = n + 1; next < lines.length; next += 1) {
        const text = (lines[next] as string).trim();
        if (text === "") continue;
        const number = LISTED_NOTE.exec(text)?.[1];
        if (number === undefined) break;
        listed.push(number);
      }
      if (listed.length >= 2) for (const number of listed) numbers.add(number);
    }
  });
  return numbers;
}

/**
 * A printed page's header with its page number, in capitals (`62 THE PLAGUE AT MARSEILLES`, `THE COMING OF
 * THE PESTILENCE 63`, `208 TRIUMPHS OF ENGINEERING.`), with the page before's foot (its number or a footnote) within four lines before it:
 * a page break, though the header may stand there once. A numbered chapter heading has neither before it.
 * A header whose number is set apart across the page (`120   CHAPTER 5  CANALS AND THE NEW REPUBLIC`) is
 * one wherever it stands past the first line: no heading sets its words that way.
 */
export function pageHeaderLines(lines: readonly string[]): Set<number> {
  const found = new Set<number>();
  // An old book's header may end with a stop (`208 TRIUMPHS OF ENGINEERING.`).
  const header = /^(?:\d{1,3}\s+\p{Lu}[\p{Lu}\s',’&-]*\p{Lu}\.?|\p{Lu}[\p{Lu}\s',’&-]*\p{Lu}\.?\s+\d{1,3})$/u;
  const spacedHeader =
    /^(?:\d{1,4}\s{3,}(?=.*\p{Lu}{2}.*\s\S)[^\p{Ll}]+|(?=.*\p{Lu}{2}.*\s\S)[^\p{Ll}]+\S\s{3,}\d{1,4})$/u;
  // A book's running head names its part or chapter beside the page number (`76    PART TWO  The Earth's
  // Surface`, `CHAPTER 4  Soils: The Living Skin of the Land    77`).
  const bookHead =
    /^(?:\d{1,4}\s{3,}(?:PART|CHAPTER|UNIT|SECTION|BOOK|MODULE)\s+\S.*|(?:PART|CHAPTER|UNIT|SECTION|BOOK|MODULE)\s+\S.*\S\s{3,}\d{1,4})$/u;
  const firstText = lines.findIndex((line) => line.trim() !== "");
  lines.forEach((line, n) => {
    const trimmed = line.trim();
    // The first line may be the title, as the parser decides.
    if (n !== firstText && (spacedHeader.test(trimmed) || bookHead.test(trimmed))) {
      found.add(n);
      return;
    }
    if (!header.test(trimmed) || trimmed.split(/\s+/u).length < 3) return;
    const before = lines.slice(Math.max(0, n - 4), n).map((near) => near.trim());
    if (before.some((near) => near !== "" && (PAGE_NUMBER.test(near) || FOOTNOTE_LINE.test(near))))
      found.add(n);
  });
  return found;
}

/**
 * A header line without the page number set beside it across the page (`HIST 204 — Lecture 7      Page 2`,
 * `12     Unit 9`): the header is the same on every page, its number is not.
 */
export function runningHeaderKey(trimmed: string): string {
  const parts = trimmed.split(/\s{3,}|\t+/u);
  if (parts.length < 2) return trimmed;
  const text = parts.filter((part) => !PAGE_NUMBER.test(part));
  return text.length === parts.length - 1 ? text.join(" ") : trimmed;
}

/**
 * An entry of a table of contents: `1 History`, `2.1 Siege`, `(Top)`, `Toggle History subsection`,
 * `Legacy ..... 4`, and a word processor's `References<TAB>5`.
 */
export function isContentsEntry(trimmed: string): boolean {
  return CONTENTS_ENTRY.test(trimmed);
}

/** A contents entry's page: after a dot leader or a tab. */
const ENTRY_PAGE = String.raw`(?:\s*(?:\.\s*){4,}|\t+)\d{1,4}`;
const CONTENTS_ENTRY = new RegExp(
  String.raw`^(?:\d+(?:\.\d+)*\.?\s+\S.*|\(Top\)|Toggle .+ subsection|.+?${ENTRY_PAGE})$`,
  "u",
);
const ENTRY_PAGE_AT_END = new RegExp(`${ENTRY_PAGE}$`, "u");

/**
 * An entry's heading as the text sets it: without its page number and dot leaders, and as a key that a
 * report's heading set in capitals or spaced otherwise (`2    HISTORICAL BACKGROUND`) still matches.
 */
function entryHeading(trimmed: string): string {
  return trimmed.replace(ENTRY_PAGE_AT_END, "").trim().replace(/\s+/gu, " ").toLowerCase();
}

/**
 * A table of contents (its heading and the entries right under it) and the lines further down that repeat
 * an entry, which are the headings it lists (`1. Introduction`, then its paragraph on the next line, as a
 * document saved as plain text sets it). Listed, a heading is not a page's running header.
 */
export function tableOfContents(lines: readonly string[]): { list: Set<number>; headings: Set<number> } {
  const list = new Set<number>();
  const headings = new Set<number>();
  lines.forEach((line, n) => {
    if (!isContentsHeading(line.trim())) return;
    const entries = new Set<string>();
    let at = n + 1;
    // A blank line may set the heading apart from its entries (a report's `CONTENTS`).
    if (lines[at]?.trim() === "" && isContentsEntry(lines[at + 1]?.trim() ?? "")) at++;
    for (; at < lines.length && isContentsEntry(lines[at]?.trim() ?? ""); at++) {
      list.add(at);
      entries.add(entryHeading(lines[at]?.trim() ?? ""));
    }
    // A page may fold its contents away: the heading alone, right over the first section's heading (a
    // phone's) or over the lead's paragraph (an encyclopedia's, `Table of Contents` under the byline).
    if (
      entries.size === 0 &&
      !isShortBareLine(trimmedLine(lines, at), 8) &&
      !isParagraphLine(trimmedLine(lines, at), 10)
    )
      return;
    list.add(n);
    for (; at < lines.length; at++) if (entries.has(entryHeading(lines[at]?.trim() ?? ""))) headings.add(at);
  });
  return { list, headings };
}

/**
 * A contents list without numbers (`Table of Contents`, then `Introduction`, `Architecture` …): the lines
 * under the heading up to the last one that comes again further down, as the heading it lists, when most
 * of them do. The lines after that one (`Also known as: …`) are text.
 */
export function unnumberedContentsLines(lines: readonly string[]): Set<number> {
  const lastAt = new Map(lines.map((line, n) => [line.trim(), n]));
  const headsLater = (at: number) => (lastAt.get(lines[at]?.trim() ?? "") ?? at) > at;
  const found = new Set<number>();
  lines.forEach((line, n) => {
    if (!isContentsHeading(line.trim())) return;
    let last = n;
    let repeated = 0;
    for (let at = n + 1; at < lines.length && (lines[at]?.trim() ?? "") !== ""; at++) {
      if (!headsLater(at)) continue;
      last = at;
      repeated++;
    }
    if (repeated < 2 || repeated * 2 < last - n) return;
    for (let at = n; at <= last; at++) found.add(at);
  });
  return found;
}

/**
 * The section names a pasted contents list gives (`History`, `Early life`), lower case, without their
 * numbers or page numbers: those of every line the list holds but its heading.
 */
export function contentsNames(lines: readonly string[], listLines: Iterable<number>): Set<string> {
  const names = new Set<string>();
  for (const n of listLines) {
    const trimmed = lines[n]?.trim() ?? "";
    if (trimmed === "" || isContentsHeading(trimmed)) continue;
    names.add(entryHeading(trimmed).replace(/^\d+(?:\.\d+)*\.?\s+/u, ""));
  }
  return names;
}

/** A photograph's credit label as one token (`Photograph:`), ending a caption's line on a news page. */
const CREDIT_LABEL = new RegExp(`^\\(?(?:${CREDIT_LABEL_WORDS}):$`, "iu");

/**
 * A line's tokens without the photograph's credit that ends it (`… out of the mine. Photograph: Hugo
 * Infante / Getty Images`): a label after a sentence's end, then a few words that end no sentence.
 */
export function withoutPhotoCredit(tokens: SourceToken[]): SourceToken[] {
  const label = tokens.findIndex(
    (token, i) =>
      i > 0 && CREDIT_LABEL.test(token.source) && /[.!?]["'”’)]?$/u.test(tokens[i - 1]?.source ?? ""),
  );
  if (label < 0 || tokens.length - label > 9) return tokens;
  // An initial (`R. Kulkarni`) ends no sentence.
  return tokens
    .slice(label + 1)
    .some((token) => /[.!?]$/u.test(token.source) && !/^\p{Lu}\.$/u.test(token.source))
    ? tokens
    : tokens.slice(0, label);
}
