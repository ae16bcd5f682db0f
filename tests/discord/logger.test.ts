import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/discord/logger.ts";

describe("createLogger", () => {
  it("writes one JSON object per line with level, message and context, below the level nothing", () => {
    const lines: string[] = [];
    const logger = createLogger({ level: "info", write: (line) => lines.push(line) }).child({ guild: "1" });

    logger.debug("question", { question: "when was it built" });
    logger.info("interaction handled", { command: "ask", latencyMs: 12 });

    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? "")).toMatchObject({
      level: "info",
      msg: "interaction handled",
      guild: "1",
      command: "ask",
      latencyMs: 12,
    });
  });

  it("logs errors with name, message, Discord code and stack", () => {
    const lines: string[] = [];
    const logger = createLogger({ level: "error", write: (line) => lines.push(line) });
    const error = Object.assign(new Error("Missing Permissions"), { code: 50013, status: 403 });

    logger.error("reply failed", { error });

    expect(JSON.parse(lines[0] ?? "").error).toMatchObject({
      name: "Error",
      message: "Missing Permissions",
      code: 50013,
      status: 403,
      stack: expect.stringContaining("logger.test.ts"),
    });
  });

  it("never writes the token, wherever it shows up", () => {
    const token = "MTEwMDAwMDAwMDAwMDAwMDAwMQ.GfAkEt.secret";
    const lines: string[] = [];
    const logger = createLogger({ level: "debug", secrets: [token], write: (line) => lines.push(line) });

    logger.warn("odd", { header: `Bot ${token}`, error: new Error(`bad token ${token}`) });

    expect(lines.join("\n")).not.toContain(token);
    expect(lines.join("\n")).toContain("Bot [redacted]");
  });
});
