import { createInterface } from "node:readline";
import type { QaEngine } from "../core/engine.ts";
import { ansiStyle, formatAnswerForTerminal, plainStyle } from "./terminal-format.ts";

/**
 * The local face of the product: a terminal chat over the same engine the Discord bot uses.
 * Each input line is a question; with piped input it answers every line and returns at the end.
 */
export async function runLocalChat(
  engine: QaEngine,
  input: NodeJS.ReadableStream = process.stdin,
  output: NodeJS.WritableStream & { isTTY?: boolean } = process.stdout,
): Promise<void> {
  const interactive = output.isTTY === true && (input as { isTTY?: boolean }).isTTY === true;
  const style = output.isTTY === true ? ansiStyle : plainStyle;
  const lines = createInterface({ input, output: interactive ? output : undefined, terminal: interactive });
  const prompt = () => {
    if (interactive) output.write(style.dim("\nask> "));
  };
  if (interactive) {
    const titles = engine.articles.map((article) => article.title).join(", ");
    output.write(`Ask about: ${titles}. Empty line or Ctrl-D to quit.\n`);
  }
  prompt();
  for await (const line of lines) {
    const question = line.trim();
    if (question === "") {
      if (interactive) break;
      continue;
    }
    output.write(`${formatAnswerForTerminal(engine.answer(question), style)}\n`);
    prompt();
  }
  lines.close();
}
