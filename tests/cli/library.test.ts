import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { databasePath, openDatabase } from "../../src/storage/database.ts";
import { GuildSettingsStore } from "../../src/storage/guild-settings.ts";
import { LibraryStore } from "../../src/storage/library.ts";
import { runScript, scriptTimeout } from "../support/cli.ts";
import { bridgeNotes } from "../support/library-articles.ts";

const guild = "1300000000000000001";

describe("npm run library", () => {
  it(
    "adds, lists and removes a server's articles in the bot's database, as /library does",
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), "bot-data-"));
      const file = join(mkdtempSync(join(tmpdir(), "notes-")), "velmar.md");
      writeFileSync(file, bridgeNotes);
      const env = { DATA_DIR: dataDir, CACHE_DIR: join(dataDir, "cache") };
      const library = (...args: string[]) => runScript("src/cli/library.ts", args, { env });

      const added = await library("add", "--guild", guild, file);
      expect(added.code, added.stderr).toBe(0);
      expect(added.stdout).toContain(
        'Added "The Velmar Bridge" as the-velmar-bridge: 1 section, 3 sentences',
      );
      expect(added.stdout).toContain("  > The stone bridge over the river Velmar was built in 1820");

      const again = await library("add", "--guild", guild, file);
      expect(again.code).toBe(1);
      expect(again.stderr.trim()).toBe(
        'the server already has "The Velmar Bridge" (the-velmar-bridge); add --replace to replace it',
      );
      expect((await library("add", "--guild", guild, file, "--replace")).stdout).toMatch(/^Replaced/u);

      const listed = await library("list", "--guild", guild);
      expect(listed.stdout).toContain("Server 1300000000000000001: 1 of 50 articles");
      expect(listed.stdout).toContain('the-velmar-bridge  "The Velmar Bridge"  md');

      const removed = await library("remove", "--guild", guild, "the-velmar-bridge");
      expect(removed.stdout.trim()).toBe(
        'Removed "The Velmar Bridge" (the-velmar-bridge) from server 1300000000000000001.',
      );
      const db = openDatabase(databasePath(dataDir));
      expect(await new LibraryStore(db).list(guild)).toEqual([]);
      // Each change is in the server's history, made by the operator.
      expect((await new GuildSettingsStore(db).history(guild)).map((entry) => entry.userId)).toEqual([
        "operator",
        "operator",
        "operator",
      ]);
      await db.close();
    },
    scriptTimeout,
  );

  it(
    "refuses a missing server id, an unknown action and an unreadable file in one line, changing nothing",
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), "bot-data-"));
      const env = { DATA_DIR: dataDir };
      const noGuild = await runScript("src/cli/library.ts", ["list"], { env });
      expect(noGuild.code).toBe(2);
      expect(noGuild.stderr.split("\n")[0]).toBe(
        "usage error: --guild ID is required: the server's Discord id (17–20 digits)",
      );
      const unknown = await runScript("src/cli/library.ts", ["frob", "--guild", guild], { env });
      expect(unknown.code).toBe(2);
      expect(unknown.stderr.split("\n")[0]).toBe("usage error: say what to do: list, add or remove");
      const missing = await runScript("src/cli/library.ts", ["add", "--guild", guild, "/no/such.md"], {
        env,
      });
      expect(missing.code).toBe(2);
      expect(missing.stderr.split("\n")[0]).toBe("usage error: cannot read /no/such.md: ENOENT");
      const binary = join(dataDir, "blob.txt");
      writeFileSync(binary, Buffer.from([0x41, 0x00, 0x42]));
      const refused = await runScript("src/cli/library.ts", ["add", "--guild", guild, binary], { env });
      expect(refused.code).toBe(1);
      expect(refused.stderr.trim().split("\n")).toHaveLength(1);
      const db = openDatabase(databasePath(dataDir));
      expect(await new LibraryStore(db).list(guild)).toEqual([]);
      await db.close();
    },
    scriptTimeout,
  );
});
