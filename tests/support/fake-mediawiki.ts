/**
 * A fake of Wikipedia's MediaWiki Action API for tests: the one query a bot needs to fetch an article as plain
 * text, answered on a loopback port the way en.wikipedia.org answers it with `formatversion=2`:
 *
 * ```ts
 * const wiki = await FakeMediaWiki.start({ pages: { "Faisal Mosque": "Faisal Mosque is…" } });
 * // GET `${wiki.apiBase}?action=query&prop=extracts|info&explaintext=1&inprop=url&redirects=1`
 * //     + `&format=json&formatversion=2&titles=faisal_mosque`, with a descriptive User-Agent
 * await wiki.stop();
 * ```
 *
 * Titles are normalised (underscores to spaces, first letter upper case) and redirects followed, with the
 * `normalized` and `redirects` lists the real API adds. Requests without a descriptive User-Agent get 403, as
 * Wikimedia's User-Agent policy has it. {@link FakeMediaWiki.failNext} injects a server error or a hang.
 *
 * Non-goals: other actions and props, namespaces other than articles, formatversion=1, formats other than
 * JSON, POST, `exchars`/`exsentences`, and the continuation Wikipedia sends when several whole-article extracts
 * are asked at once (the fake refuses that request instead).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** What the fake wiki holds. */
export interface FakeMediaWikiOptions {
  /** Article text (what `explaintext` returns, `== Headings ==` included) by title, e.g. "Faisal Mosque". */
  pages: Record<string, string>;
  /** Redirect titles and the title each points to, e.g. `{ "Shah Faisal Mosque": "Faisal Mosque" }`. */
  redirects?: Record<string, string>;
  /** Whether a request's User-Agent is acceptable; others get 403. Defaults to {@link isDescriptiveUserAgent}. */
  acceptsUserAgent?: (userAgent: string | undefined) => boolean;
}

/** A failure to inject: the next `times` (1 by default) API requests get this status, or no answer at all. */
export type MediaWikiFailure = { status: number; times?: number } | { hang: true; times?: number };

/**
 * True for a User-Agent that names its client. Wikimedia refuses a missing one and blocks generic library
 * defaults, which is what Node's fetch sends (`node`) unless the bot sets its own.
 */
export function isDescriptiveUserAgent(userAgent: string | undefined): boolean {
  const agent = userAgent?.trim() ?? "";
  return agent !== "" && !/^(node|undici|axios\/[\d.]+|python-requests\/[\d.]+)$/i.test(agent);
}

/** Wikipedia's title normalisation for articles: underscores are spaces, runs of them collapse, first letter capitalised. */
export function normalizeTitle(title: string): string {
  const spaced = title.replace(/[_\s]+/g, " ").trim();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** An article's URL on English Wikipedia, encoded as MediaWiki's `wfUrlencode` does. */
export function articleUrl(title: string): string {
  const encoded = encodeURIComponent(title.replace(/ /g, "_"))
    .replace(/'/g, "%27")
    .replace(/%(3B|3A|40|24|2C|2F)/gi, (sequence) => decodeURIComponent(sequence));
  return `https://en.wikipedia.org/wiki/${encoded}`;
}

const forbiddenTitleCharacters = /[#<>[\]|{}]/;
const knownParameters = new Set([
  "action",
  "prop",
  "titles",
  "redirects",
  "format",
  "formatversion",
  "explaintext",
  "exintro",
  "inprop",
  "utf8",
  "origin",
  "maxlag",
]);
const unsupportedParameters = ["exchars", "exsentences", "exlimit", "excontinue"];
const forbiddenBody =
  "Please set a user-agent and respect our robot policy https://w.wiki/4wJS. See also https://phabricator.wikimedia.org/T400119.\n";

interface ApiAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** A running fake MediaWiki API on 127.0.0.1. */
export class FakeMediaWiki {
  /** Every request, as the full URL that was asked, in arrival order (refused ones included). */
  readonly requests: URL[] = [];
  readonly #server: Server;
  readonly #pages = new Map<string, { pageid: number; text: string }>();
  readonly #redirects = new Map<string, { pageid: number; target: string }>();
  readonly #acceptsUserAgent: (userAgent: string | undefined) => boolean;
  readonly #failures: MediaWikiFailure[] = [];
  /** When the pages were last "edited", sent as `touched`. */
  readonly #touched = new Date().toISOString().replace(/\.\d+Z$/, "Z");
  #port = 0;

  private constructor(options: FakeMediaWikiOptions) {
    let nextPageId = 1001;
    for (const [title, text] of Object.entries(options.pages)) {
      this.#pages.set(normalizeTitle(title), { pageid: nextPageId++, text });
    }
    for (const [from, to] of Object.entries(options.redirects ?? {})) {
      this.#redirects.set(normalizeTitle(from), { pageid: nextPageId++, target: normalizeTitle(to) });
    }
    this.#acceptsUserAgent = options.acceptsUserAgent ?? isDescriptiveUserAgent;
    this.#server = createServer((request, response) => this.#handle(request, response));
  }

  /** Starts a fake on an ephemeral port. */
  static async start(options: FakeMediaWikiOptions): Promise<FakeMediaWiki> {
    const wiki = new FakeMediaWiki(options);
    await new Promise<void>((resolve, reject) => {
      wiki.#server.once("error", reject);
      wiki.#server.listen(0, "127.0.0.1", () => resolve());
    });
    wiki.#port = (wiki.#server.address() as AddressInfo).port;
    return wiki;
  }

  /** The API endpoint, like `https://en.wikipedia.org/w/api.php`. */
  get apiBase(): string {
    return `http://127.0.0.1:${this.#port}/w/api.php`;
  }

  /** Makes the next API request(s) fail: a status such as 500 or 503, or a hang until {@link stop}. */
  failNext(failure: MediaWikiFailure): void {
    this.#failures.push({ ...failure, times: failure.times ?? 1 });
  }

  /** Stops the server, dropping hung requests. */
  async stop(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #handle(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? "/", `http://127.0.0.1:${this.#port}`);
    this.requests.push(url);
    const send = (
      status: number,
      body: string,
      contentType: string,
      headers: Record<string, string> = {},
    ) => {
      response.writeHead(status, { "content-type": contentType, ...headers });
      response.end(body);
    };
    if (!this.#acceptsUserAgent(request.headers["user-agent"])) {
      send(403, forbiddenBody, "text/plain");
      return;
    }
    if (url.pathname !== "/w/api.php") {
      send(404, "Not Found\n", "text/plain");
      return;
    }
    const failure = this.#takeFailure();
    if (failure && "hang" in failure) return;
    if (failure) {
      send(failure.status, `${failure.status} injected failure\n`, "text/html; charset=utf-8");
      return;
    }
    if (request.method !== "GET") {
      send(405, "The fake MediaWiki answers GET only\n", "text/plain");
      return;
    }
    const answer = this.#answer(url.searchParams);
    send(answer.status, JSON.stringify(answer.body), "application/json; charset=utf-8", answer.headers);
  }

  #takeFailure(): MediaWikiFailure | undefined {
    const failure = this.#failures[0];
    if (!failure) return undefined;
    failure.times = (failure.times ?? 1) - 1;
    if (failure.times <= 0) this.#failures.shift();
    return failure;
  }

  #answer(params: URLSearchParams): ApiAnswer {
    const action = params.get("action");
    if (action !== "query") {
      return apiError("badvalue", `Unrecognized value for parameter "action": ${action ?? ""}.`);
    }
    if (params.get("format") !== "json") return unsupported("format=json is the only format the fake speaks");
    if (params.get("formatversion") !== "2") return unsupported("the fake answers formatversion=2 only");
    const used = unsupportedParameters.find((name) => params.has(name));
    if (used) return unsupported(`${used} is not implemented`);
    // Pages are stored with `== Heading ==` lines, which is what the default section format, wiki, gives.
    const sectionFormat = params.get("exsectionformat") ?? "wiki";
    if (sectionFormat !== "wiki") return unsupported(`exsectionformat=${sectionFormat} is not implemented`);
    const props = new Set((params.get("prop") ?? "").split("|").filter(Boolean));
    const unknownProp = [...props].find((prop) => prop !== "extracts" && prop !== "info");
    if (unknownProp) return unsupported(`prop=${unknownProp} is not implemented`);
    const titles = params.has("titles") ? (params.get("titles") ?? "").split("|") : [];
    const intro = params.has("exintro");
    if (props.has("extracts") && !intro && titles.length > 1) {
      return unsupported("Wikipedia returns one whole-article extract per request; ask for one title");
    }

    const unknown = [...params.keys()].filter((name) => !knownParameters.has(name));
    const warnings = unknown.length
      ? {
          main: {
            warnings: `Unrecognized parameter${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}.`,
          },
        }
      : undefined;
    const body: Record<string, unknown> = { batchcomplete: true, ...(warnings ? { warnings } : {}) };
    if (titles.length === 0) return { status: 200, body };

    const normalized: { fromencoded: false; from: string; to: string }[] = [];
    const redirects: { from: string; to: string }[] = [];
    const pages: Record<string, unknown>[] = [];
    const seen = new Set<string>();
    for (const raw of titles) {
      const invalid = invalidReason(raw);
      if (invalid) {
        pages.push({ title: raw, invalidreason: invalid, invalid: true });
        continue;
      }
      let title = normalizeTitle(raw);
      if (title !== raw) normalized.push({ fromencoded: false, from: raw, to: title });
      if (params.has("redirects")) {
        for (let hops = 0; hops < 10; hops++) {
          const redirect = this.#redirects.get(title);
          if (!redirect) break;
          redirects.push({ from: title, to: redirect.target });
          title = redirect.target;
        }
      }
      if (seen.has(title)) continue;
      seen.add(title);
      pages.push(this.#page(title, props, params, intro));
    }
    // Missing and invalid pages come first, as in Wikipedia's answers.
    pages.sort((a, b) => Number("pageid" in a) - Number("pageid" in b));
    body.query = {
      ...(normalized.length ? { normalized } : {}),
      ...(redirects.length ? { redirects } : {}),
      pages,
    };
    return { status: 200, body };
  }

  #page(title: string, props: Set<string>, params: URLSearchParams, intro: boolean): Record<string, unknown> {
    const article = this.#pages.get(title);
    const redirect = this.#redirects.get(title);
    const inprop = new Set((params.get("inprop") ?? "").split("|"));
    const urls =
      props.has("info") && inprop.has("url")
        ? {
            fullurl: articleUrl(title),
            editurl: `https://en.wikipedia.org/w/index.php?title=${articleUrl(title).split("/wiki/")[1]}&action=edit`,
            canonicalurl: articleUrl(title),
          }
        : {};
    const language = props.has("info")
      ? { contentmodel: "wikitext", pagelanguage: "en", pagelanguagehtmlcode: "en", pagelanguagedir: "ltr" }
      : {};
    const found = article ?? redirect;
    if (!found) return { ns: 0, title, missing: true, ...language, ...urls };
    // A redirect asked for without `redirects` is a page of its own, with next to no text.
    const text = article ? (intro ? introOf(article.text) : article.text) : "";
    const extract = params.has("explaintext") ? text : toHtml(text);
    return {
      pageid: found.pageid,
      ns: 0,
      title,
      ...(props.has("extracts") ? { extract } : {}),
      ...language,
      ...(props.has("info")
        ? {
            touched: this.#touched,
            lastrevid: found.pageid * 1000 + 1,
            length: Buffer.byteLength(article?.text ?? `#REDIRECT [[${redirect?.target}]]`),
            ...(redirect ? { redirect: true } : {}),
          }
        : {}),
      ...urls,
    };
  }
}

function apiError(code: string, info: string): ApiAnswer {
  return {
    status: 200,
    headers: { "mediawiki-api-error": code },
    body: {
      error: {
        code,
        info,
        docref:
          "See https://en.wikipedia.org/w/api.php for API usage. Subscribe to the mediawiki-api-announce mailing list at &lt;https://lists.wikimedia.org/postorius/lists/mediawiki-api-announce.lists.wikimedia.org/&gt; for notice of API deprecations and breaking changes.",
      },
      servedby: "fake-mediawiki",
    },
  };
}

/** What the real API would answer but the fake does not model: an error naming it, so a test fails clearly. */
function unsupported(info: string): ApiAnswer {
  return apiError("fake-unsupported", `The fake MediaWiki does not model this request: ${info}.`);
}

function invalidReason(title: string): string | undefined {
  if (title.replace(/[_\s]+/g, "") === "")
    return "The requested page title is empty or contains only the name of a namespace.";
  const bad = forbiddenTitleCharacters.exec(title);
  return bad ? `The requested page title contains invalid characters: "${bad[0]}".` : undefined;
}

/** The text before the first section heading, which `exintro` returns. */
function introOf(text: string): string {
  const heading = /^==.*==\s*$/m.exec(text);
  return (heading ? text.slice(0, heading.index) : text).trim();
}

/** The limited HTML TextExtracts returns without `explaintext`: headings and paragraphs. */
function toHtml(text: string): string {
  const escapeHtml = (value: string) =>
    value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return text
    .split(/\n{2,}/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => {
      const heading = /^(=+)\s*(.*?)\s*\1$/.exec(block);
      if (!heading) return `<p>${escapeHtml(block)}</p>`;
      const level = heading[1]?.length ?? 2;
      return `<h${level}>${escapeHtml(heading[2] ?? "")}</h${level}>`;
    })
    .join("\n");
}
