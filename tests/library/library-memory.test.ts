import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../support/paths.ts";
import { startProcess } from "../support/processes.ts";

interface MemoryReport {
  servers: number;
  budgetBytes: number;
  enginesKept: number;
  countedBytes: number;
  heapKeptBytes: number;
}

/** Runs tests/support/library-memory.ts in its own process, where a forced collection measures the heap. */
async function measure(servers: number, budgetMb: number): Promise<MemoryReport> {
  const run = startProcess(
    process.execPath,
    ["--expose-gc", "--import", "tsx", "tests/support/library-memory.ts", String(servers), String(budgetMb)],
    { cwd: projectRoot, env: { PATH: process.env.PATH, TMPDIR: tmpdir() } },
  );
  const code = await run.exited;
  if (code !== 0) throw new Error(`library-memory exited with ${code}: ${run.stderr()}`);
  return JSON.parse(run.stdout().trim().split("\n").at(-1) ?? "{}") as MemoryReport;
}

describe("the servers' engines in memory", () => {
  it("stay within LIBRARY_CACHE_MB with 20 servers of 5 articles each, dropping the least recently used", async () => {
    const report = await measure(20, 40);

    expect(report.servers).toBe(20);
    // The budget binds: not every server's engine fits, and what is kept is what the budget allows.
    expect(report.enginesKept).toBeGreaterThan(1);
    expect(report.enginesKept).toBeLessThan(20);
    expect(report.countedBytes).toBeLessThanOrEqual(report.budgetBytes);
    // Measured after a forced collection, not estimated.
    expect(report.heapKeptBytes).toBeLessThanOrEqual(report.budgetBytes);
  }, 120_000);
});
