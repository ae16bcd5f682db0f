import { uploadProblems } from "./extract.ts";

/**
 * Fetches one Wikipedia article as plain text (the TextExtracts `explaintext` extract of the MediaWiki
 * API) and rewrites it as Markdown the ingester reads: `== Heading ==` lines become `## Heading`, the
 * trailing back matter is dropped and the page title becomes the `# Title` line.
 *
 * Non-goals: no wikitext or HTML parsing (tables, infoboxes and captions are whatever the extract keeps),
 * no search for a near title (a title that does not exist is refused), one request and no retries.
 */

/** An article fetched from Wikipedia, its text ready for the ingester. */
export interface WikipediaArticle {
  /** The page's title after normalisation and redirects (`Faisal Mosque` for `faisal masjid`). */
  title: string;
  /** Markdown: `# Title`, the lead, then `##` / `###` sections. */
  text: string;
  /** The page's address on the wiki. */
  url: string;
}

export type WikipediaFetch = { ok: true; article: WikipediaArticle } | { ok: false; problem: string };

/** Where and how to ask the wiki. */
export interface WikipediaOptions {
  /** The wiki's `api.php`, e.g. `https://en.wikipedia.org/w/api.php`. */
  apiBase: string;
  /** Longest wait for the whole answer, in milliseconds. */
  timeoutMs: number;
  /** Largest article text kept, in UTF-8 bytes of the converted text. */
  maxTextBytes: number;
  /** Sent as `User-Agent`: Wikimedia refuses clients without one that names them and a contact. */
  userAgent: string;
}

/** Level-2 sections Wikipedia closes an article with: links and sources, not article text. */
const BACK_MATTER_SECTIONS = new Set([
  "see also",
  "references",
  "notes",
  "further reading",
  "external links",
  "bibliography",
  "sources",
  "citations",
]);

/** A `== Heading ==` line of an extract with `exsectionformat=wiki`. */
const WIKI_HEADING = /^(={2,6})\s*(.*?)\s*\1$/u;

/**
 * Rewrites a plain-text extract as Markdown: headings as `##`…`######` lines, the back-matter sections
 * at the end left out, runs of blank lines collapsed to one, and `# title` first.
 */
export function wikipediaExtractToMarkdown(title: string, extract: string): string {
  const lines = extract
    .replace(/\r\n?/gu, "\n")
    .split("\n")
    .map((line) => line.trimEnd());
  const headingAt = (n: number) => WIKI_HEADING.exec((lines[n] as string).trim());
  let end = lines.length;
  for (let n = lines.length - 1; n >= 0; n--) {
    const heading = headingAt(n);
    if (heading === null || heading[1] !== "==") continue;
    if (!BACK_MATTER_SECTIONS.has((heading[2] as string).toLowerCase())) break;
    end = n;
  }
  const body = lines.slice(0, end).map((line, n) => {
    const heading = headingAt(n);
    return heading === null ? line : `${"#".repeat((heading[1] as string).length)} ${heading[2]}`;
  });
  return `# ${title}\n\n${body.join("\n").trim()}\n`.replace(/\n{3,}/gu, "\n\n");
}

/** The page's address when the answer lacks `fullurl`: the wiki's host, `/wiki/`, the title with underscores. */
function pageUrl(apiBase: string, title: string): string {
  const path = encodeURIComponent(title.replace(/ /gu, "_")).replace(/%2F/gu, "/").replace(/%3A/gu, ":");
  return `${new URL(apiBase).origin}/wiki/${path}`;
}

/** Why the request failed, in a few words, from a fetch error. */
function unreachableReason(error: unknown, timeoutMs: number): string {
  if ((error as { name?: unknown } | null)?.name === "TimeoutError") {
    return ` (timeout after ${Number((timeoutMs / 1000).toFixed(1))} s)`;
  }
  const code = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  if (code === "ECONNREFUSED") return " (connection refused)";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return " (address not found)";
  return "";
}

/** The fields of a `formatversion=2` page this module reads. */
interface ApiPage {
  title?: string;
  ns?: number;
  extract?: string;
  fullurl?: string;
  missing?: boolean;
  invalid?: boolean;
}

interface ApiAnswer {
  error?: { code?: string };
  query?: { pages?: ApiPage[] };
}

/** Fetches the article titled `title` (redirects followed) as Markdown, or says in one line why not. */
export async function fetchWikipediaArticle(
  title: string,
  options: WikipediaOptions,
): Promise<WikipediaFetch> {
  const asked = title.trim();
  if (asked === "") return { ok: false, problem: "Give the title of a Wikipedia article." };
  // `|` separates titles in the API: one title must not become several pages.
  if (asked.includes("|")) return { ok: false, problem: `"${asked}" is not a valid Wikipedia title.` };
  const query = new URLSearchParams({
    action: "query",
    prop: "extracts|info",
    explaintext: "1",
    exsectionformat: "wiki",
    inprop: "url",
    redirects: "1",
    format: "json",
    formatversion: "2",
    titles: asked,
  });
  let body: string;
  try {
    const response = await fetch(`${options.apiBase}?${query}`, {
      headers: { "User-Agent": options.userAgent, Accept: "application/json" },
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    if (!response.ok) {
      await response.body?.cancel();
      return { ok: false, problem: `Wikipedia answered with an error (HTTP ${response.status}).` };
    }
    body = await response.text();
  } catch (error) {
    return {
      ok: false,
      problem: `Wikipedia could not be reached${unreachableReason(error, options.timeoutMs)}.`,
    };
  }
  let answer: ApiAnswer;
  try {
    answer = JSON.parse(body) as ApiAnswer;
  } catch {
    return { ok: false, problem: "Wikipedia's answer could not be read (it was not JSON)." };
  }
  if (answer.error !== undefined) {
    return { ok: false, problem: `Wikipedia refused the request (${answer.error.code ?? "unknown error"}).` };
  }
  const page = answer.query?.pages?.[0];
  if (page === undefined) return { ok: false, problem: "Wikipedia's answer held no page." };
  if (page.invalid) return { ok: false, problem: `"${asked}" is not a valid Wikipedia title.` };
  if (page.missing) return { ok: false, problem: `No Wikipedia article is titled "${asked}".` };
  const pageTitle = page.title ?? asked;
  if (page.ns !== undefined && page.ns !== 0) {
    return { ok: false, problem: `"${pageTitle}" is a Wikipedia page but not an article.` };
  }
  if ((page.extract ?? "").trim() === "") {
    return { ok: false, problem: `The Wikipedia article "${pageTitle}" has no text.` };
  }
  const text = wikipediaExtractToMarkdown(pageTitle, page.extract as string);
  const textBytes = Buffer.byteLength(text, "utf8");
  if (textBytes > options.maxTextBytes) {
    return { ok: false, problem: uploadProblems.tooLargeText(textBytes, options.maxTextBytes) };
  }
  return {
    ok: true,
    article: { title: pageTitle, text, url: page.fullurl ?? pageUrl(options.apiBase, pageTitle) },
  };
}
