import { request as httpRequest } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { articleUrl, FakeMediaWiki } from "./fake-mediawiki.ts";

const faisalMosque =
  "The Faisal Mosque is the national mosque of Pakistan, located in Islamabad.\n\n\n== History ==\nConstruction was completed in 1986.";
const userAgent = "wiki-study-bot-tests/0.1 (https://example.org/study-bot)";

let wiki: FakeMediaWiki | undefined;

afterEach(async () => {
  await wiki?.stop();
  wiki = undefined;
});

async function startWiki() {
  wiki = await FakeMediaWiki.start({
    pages: { "Faisal Mosque": faisalMosque },
    redirects: { "Shah Faisal Mosque": "Faisal Mosque" },
  });
  return wiki;
}

/** The query a bot sends to fetch one article as plain text. */
function articleQuery(started: FakeMediaWiki, title: string, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({
    action: "query",
    prop: "extracts|info",
    explaintext: "1",
    inprop: "url",
    redirects: "1",
    format: "json",
    formatversion: "2",
    titles: title,
    ...extra,
  });
  return `${started.apiBase}?${params}`;
}

async function getJson(url: string): Promise<unknown> {
  const response = await fetch(url, { headers: { "user-agent": userAgent } });
  expect(response.status).toBe(200);
  return response.json();
}

describe("FakeMediaWiki", () => {
  it("normalises the title, follows the redirect and returns the whole plain-text article", async () => {
    const started = await startWiki();

    const answer = await getJson(articleQuery(started, "shah_Faisal_Mosque"));

    expect(answer).toEqual({
      batchcomplete: true,
      query: {
        normalized: [{ fromencoded: false, from: "shah_Faisal_Mosque", to: "Shah Faisal Mosque" }],
        redirects: [{ from: "Shah Faisal Mosque", to: "Faisal Mosque" }],
        pages: [
          expect.objectContaining({
            pageid: expect.any(Number),
            ns: 0,
            title: "Faisal Mosque",
            extract: faisalMosque,
            fullurl: "https://en.wikipedia.org/wiki/Faisal_Mosque",
            canonicalurl: "https://en.wikipedia.org/wiki/Faisal_Mosque",
            contentmodel: "wikitext",
          }),
        ],
      },
    });
    expect(started.requests.map((url) => url.searchParams.get("titles"))).toEqual(["shah_Faisal_Mosque"]);
  });

  it("answers a missing page with missing: true and no extract, and titles stay case-sensitive after the first letter", async () => {
    const started = await startWiki();

    const answer = (await getJson(articleQuery(started, "faisal mosque"))) as {
      query: { pages: Record<string, unknown>[] };
    };

    expect(answer.query.pages).toEqual([
      expect.objectContaining({
        ns: 0,
        title: "Faisal mosque",
        missing: true,
        fullurl: "https://en.wikipedia.org/wiki/Faisal_mosque",
      }),
    ]);
    expect(answer.query.pages[0]).not.toHaveProperty("extract");
    expect(answer.query.pages[0]).not.toHaveProperty("pageid");
  });

  it("returns only the text before the first heading with exintro", async () => {
    const started = await startWiki();

    const answer = (await getJson(articleQuery(started, "Faisal Mosque", { exintro: "1" }))) as {
      query: { pages: { extract: string }[] };
    };

    expect(answer.query.pages[0]?.extract).toBe(
      "The Faisal Mosque is the national mosque of Pakistan, located in Islamabad.",
    );
  });

  it("refuses a request without a descriptive User-Agent with 403, as Wikimedia does", async () => {
    const started = await startWiki();
    const url = articleQuery(started, "Faisal Mosque");

    // Node's fetch sends "node" unless told otherwise.
    expect((await fetch(url)).status).toBe(403);
    const withoutHeader = await new Promise<number>((resolve, reject) => {
      httpRequest(url, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      })
        .on("error", reject)
        .end();
    });
    expect(withoutHeader).toBe(403);
    expect(started.requests).toHaveLength(2);
  });

  it("answers an unknown action with the API's error object", async () => {
    const started = await startWiki();

    const answer = await getJson(`${started.apiBase}?action=parse&format=json&formatversion=2`);

    expect(answer).toMatchObject({ error: { code: "badvalue" } });
  });

  it("fails the next request with an injected 500, then answers again", async () => {
    const started = await startWiki();
    started.failNext({ status: 500 });
    const url = articleQuery(started, "Faisal Mosque");

    const failed = await fetch(url, { headers: { "user-agent": userAgent } });
    expect(failed.status).toBe(500);
    await failed.body?.cancel();
    expect(await getJson(url)).toMatchObject({ query: { pages: [{ title: "Faisal Mosque" }] } });
  });

  it("leaves a request hanging, so a client's timeout fires", async () => {
    const started = await startWiki();
    started.failNext({ hang: true });

    const hung = fetch(articleQuery(started, "Faisal Mosque"), {
      headers: { "user-agent": userAgent },
      signal: AbortSignal.timeout(200),
    });

    await expect(hung).rejects.toMatchObject({ name: "TimeoutError" });
  });
});

describe("articleUrl", () => {
  it("encodes a title as Wikipedia's links do", () => {
    expect(articleUrl("Côte d'Ivoire")).toBe("https://en.wikipedia.org/wiki/C%C3%B4te_d%27Ivoire");
    expect(articleUrl("AC/DC: Live (1992)")).toBe("https://en.wikipedia.org/wiki/AC/DC:_Live_(1992)");
  });
});
