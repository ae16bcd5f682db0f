import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Vitest global set-up: every temporary folder a test (or a process it starts) makes goes into one folder
 * for the run, removed when the run ends. Tests make hundreds of temporary corpora, caches and databases;
 * left in the system's temporary folder, each `npm test` would leave about 30 MB behind.
 */
export default function usePrivateTempFolder(): () => void {
  const folder = mkdtempSync(join(tmpdir(), "wiki-study-bot-tests-"));
  // os.tmpdir() reads TMPDIR on every call, and the test workers and their child processes inherit it.
  process.env.TMPDIR = folder;
  return () => rmSync(folder, { recursive: true, force: true });
}
