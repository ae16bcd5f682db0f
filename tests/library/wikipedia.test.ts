import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestFile } from "../../src/core/ingest/corpus.ts";
import {
  fetchWikipediaArticle,
  type WikipediaOptions,
  wikipediaExtractToMarkdown,
} from "../../src/library/wikipedia.ts";

/** A plain-text extract shaped like TextExtracts' `explaintext` with `exsectionformat=wiki`. */
const FAISAL_EXTRACT = `The Faisal Mosque is the national mosque of Pakistan, located in Islamabad. It is the largest mosque in South Asia and stands at the foot of the Margalla Hills.


== History ==
The impetus for the mosque began in 1966 when King Faisal of Saudi Arabia supported the initiative of the Pakistani government to build a national mosque in Islamabad.


=== Design competition ===
An international competition was held in 1969, in which architects from seventeen countries submitted 43 proposals. The winning design was that of the Turkish architect Vedat Dalokay.


=== Construction ===
Construction began in 1976 and was funded by the government of Saudi Arabia. The mosque was completed in 1986.


== Architecture ==
The mosque's design is a departure from traditional mosque architecture, without a main dome. Its eight-sided shell is inspired by a Bedouin tent.


== See also ==
Islam in Pakistan
List of mosques in Pakistan


== References ==


== Further reading ==
Dalokay, Vedat (1970). Faisal Mosque design notes


== External links ==
Official website`;

/** The same page as the MediaWiki API answers it, with `formatversion=2`. */
const FAISAL_PAGE = {
  pageid: 1123474,
  ns: 0,
  title: "Faisal Mosque",
  extract: FAISAL_EXTRACT,
  contentmodel: "wikitext",
  pagelanguage: "en",
  fullurl: "https://en.wikipedia.org/wiki/Faisal_Mosque",
  canonicalurl: "https://en.wikipedia.org/wiki/Faisal_Mosque",
};

const requests: { titles: string | null; params: URLSearchParams; headers: IncomingHttpHeaders }[] = [];

/** Answers like en.wikipedia.org/w/api.php for a handful of titles. */
function answer(title: string): { status: number; body: string; delayMs?: number } {
  const json = (query: object) => ({ status: 200, body: JSON.stringify({ batchcomplete: true, query }) });
  switch (title) {
    case "Faisal Mosque":
      return json({ pages: [FAISAL_PAGE] });
    case "faisal masjid":
      return json({
        normalized: [{ fromencoded: false, from: "faisal masjid", to: "Faisal masjid" }],
        redirects: [{ from: "Faisal masjid", to: "Faisal Mosque" }],
        pages: [FAISAL_PAGE],
      });
    case "Atlantis Mosque":
      return json({ pages: [{ ns: 0, title: "Atlantis Mosque", missing: true }] });
    case "Blank stub":
      return json({ pages: [{ pageid: 5, ns: 0, title: "Blank stub", extract: "" }] });
    case "Talk:Faisal Mosque":
      return json({ pages: [{ pageid: 6, ns: 1, title: "Talk:Faisal Mosque", extract: "Discussion." }] });
    case "No address":
      return json({ pages: [{ pageid: 7, ns: 0, title: "No address/Part 2", extract: "A short article." }] });
    case "Broken":
      return { status: 500, body: "<html>Internal error</html>" };
    case "Maintenance":
      return { status: 200, body: "<!DOCTYPE html><title>Wikimedia Error</title>" };
    case "Slow":
      return { ...json({ pages: [FAISAL_PAGE] }), delayMs: 3000 };
    default:
      return { status: 200, body: JSON.stringify({ error: { code: "badvalue", info: "Unexpected." } }) };
  }
}

let server: Server;
let options: WikipediaOptions;

beforeAll(async () => {
  server = createServer((request, response) => {
    const params = new URL(request.url ?? "/", "http://localhost").searchParams;
    requests.push({ titles: params.get("titles"), params, headers: request.headers });
    const { status, body, delayMs } = answer(params.get("titles") ?? "");
    const send = () => {
      response.writeHead(status, { "Content-Type": "application/json; charset=utf-8" });
      response.end(body);
    };
    if (delayMs === undefined) send();
    else setTimeout(() => response.writable && send(), delayMs).unref();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  options = {
    apiBase: `http://127.0.0.1:${port}/w/api.php`,
    timeoutMs: 10_000,
    maxTextBytes: 2 * 1024 * 1024,
    userAgent: "wiki-study-bot-test/0.1 (https://example.org/contact)",
  };
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function articleOf(title: string, overrides: Partial<WikipediaOptions> = {}) {
  const fetched = await fetchWikipediaArticle(title, { ...options, ...overrides });
  if (!fetched.ok) throw new Error(`refused: ${fetched.problem}`);
  return fetched.article;
}

async function problemOf(title: string, overrides: Partial<WikipediaOptions> = {}): Promise<string> {
  const fetched = await fetchWikipediaArticle(title, { ...options, ...overrides });
  if (fetched.ok) throw new Error(`fetched ${fetched.article.title}`);
  return fetched.problem;
}

describe("converting a Wikipedia extract to Markdown", () => {
  const markdown = wikipediaExtractToMarkdown("Faisal Mosque", FAISAL_EXTRACT);

  it("turns == and === headings into ## and ### and puts the title first", () => {
    expect(markdown.startsWith("# Faisal Mosque\n\nThe Faisal Mosque is the national mosque")).toBe(true);
    expect(markdown).toContain("\n## History\n");
    expect(markdown).toContain("\n### Design competition\n");
    expect(markdown).not.toMatch(/==/u);
  });

  it("drops the trailing back matter and collapses blank lines", () => {
    expect(markdown).not.toMatch(/See also|References|Further reading|External links|Official website/u);
    expect(markdown).not.toMatch(/\n{3,}/u);
    expect(markdown.endsWith("inspired by a Bedouin tent.\n")).toBe(true);
  });

  it("keeps a back-matter heading that is followed by article sections", () => {
    const extract =
      "Lead sentence here.\n\n== Notes ==\nA note on sources.\n\n== Legacy ==\nThe mosque endures.";
    expect(wikipediaExtractToMarkdown("T", extract)).toContain("## Notes\nA note on sources.\n\n## Legacy");
  });

  it("reads as an article whose sections are the extract's headings", () => {
    const article = ingestFile({
      file: "faisal-mosque.md",
      id: "faisal-mosque",
      text: markdown,
      metadata: {},
    });
    if (article === null) throw new Error("no article recovered");
    expect(article.title).toBe("Faisal Mosque");
    expect(article.sections.map((section) => section.heading)).toEqual([
      null,
      "History",
      "Design competition",
      "Construction",
      "Architecture",
    ]);
    const construction = article.sections.find((section) => section.heading === "Construction");
    expect(construction?.sentences.map((sentence) => sentence.text)).toEqual([
      "Construction began in 1976 and was funded by the government of Saudi Arabia.",
      "The mosque was completed in 1986.",
    ]);
  });
});

describe("fetching an article from the MediaWiki API", () => {
  it("asks for the plain-text extract and page address in one request with a User-Agent", async () => {
    const article = await articleOf("Faisal Mosque");
    expect(article.title).toBe("Faisal Mosque");
    expect(article.url).toBe("https://en.wikipedia.org/wiki/Faisal_Mosque");
    expect(article.text).toBe(wikipediaExtractToMarkdown("Faisal Mosque", FAISAL_EXTRACT));
    const request = requests.findLast((seen) => seen.titles === "Faisal Mosque");
    expect(Object.fromEntries(request?.params ?? [])).toEqual({
      action: "query",
      prop: "extracts|info",
      explaintext: "1",
      exsectionformat: "wiki",
      inprop: "url",
      redirects: "1",
      format: "json",
      formatversion: "2",
      titles: "Faisal Mosque",
    });
    expect(request?.headers["user-agent"]).toBe(options.userAgent);
  });

  it("follows a redirect to the page's own title", async () => {
    const article = await articleOf("  faisal masjid ");
    expect(article.title).toBe("Faisal Mosque");
    expect(article.text.startsWith("# Faisal Mosque\n")).toBe(true);
  });

  it("derives the address from the API's host when the answer has none", async () => {
    const article = await articleOf("No address");
    expect(article.url).toBe(`${new URL(options.apiBase).origin}/wiki/No_address/Part_2`);
  });

  it("refuses a missing page, naming the title asked for", async () => {
    expect(await problemOf("Atlantis Mosque")).toBe('No Wikipedia article is titled "Atlantis Mosque".');
  });

  it("refuses a page with no text", async () => {
    expect(await problemOf("Blank stub")).toBe('The Wikipedia article "Blank stub" has no text.');
  });

  it("refuses a page outside the article namespace", async () => {
    expect(await problemOf("Talk:Faisal Mosque")).toBe(
      '"Talk:Faisal Mosque" is a Wikipedia page but not an article.',
    );
  });

  it("refuses an empty title and one that would ask for several pages, without a request", async () => {
    const before = requests.length;
    expect(await problemOf("   ")).toBe("Give the title of a Wikipedia article.");
    expect(await problemOf("Faisal Mosque|Lal Masjid")).toBe(
      '"Faisal Mosque|Lal Masjid" is not a valid Wikipedia title.',
    );
    expect(requests.length).toBe(before);
  });

  it("reports an HTTP error, an answer that is not JSON and an API error in one line each", async () => {
    expect(await problemOf("Broken")).toBe("Wikipedia answered with an error (HTTP 500).");
    expect(await problemOf("Maintenance")).toBe("Wikipedia's answer could not be read (it was not JSON).");
    expect(await problemOf("Something else")).toBe("Wikipedia refused the request (badvalue).");
  });

  it("gives up on a slow answer, naming the timeout", async () => {
    const started = Date.now();
    expect(await problemOf("Slow", { timeoutMs: 200 })).toBe(
      "Wikipedia could not be reached (timeout after 0.2 s).",
    );
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("reports a refused connection", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    expect(await problemOf("Faisal Mosque", { apiBase: `http://127.0.0.1:${port}/w/api.php` })).toBe(
      "Wikipedia could not be reached (connection refused).",
    );
  });

  it("refuses an article over the text limit, naming the limit", async () => {
    const size = Buffer.byteLength(wikipediaExtractToMarkdown("Faisal Mosque", FAISAL_EXTRACT), "utf8");
    expect(await problemOf("Faisal Mosque", { maxTextBytes: 512 })).toBe(
      `The text is ${size} bytes; the limit is 512 bytes per article.`,
    );
  });
});
