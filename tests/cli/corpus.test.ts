import { describe, expect, it } from "vitest";
import { runScript, scriptTimeout } from "../support/cli.ts";

const corpus = (args: string[]) => runScript("src/cli/corpus.ts", args);

describe("npm run corpus", { timeout: scriptTimeout }, () => {
  it("shows each article's title and the other names its lead sentence gives, as text and as JSON", async () => {
    const text = await corpus([]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(
      "# Lal Masjid  (lal-masjid.txt, stripped format)\n  also named: Red Mosque\n",
    );
    const json = await corpus(["--json"]);
    expect(json.code).toBe(0);
    const [article] = JSON.parse(json.stdout);
    expect(article).toMatchObject({ file: "lal-masjid.txt", title: "Lal Masjid", aliases: ["Red Mosque"] });
  });
});
