/**
 * A worker thread for the storage tests: opens each database in `workerData.paths` in turn, at the same
 * moment as the other workers (they meet at `workerData.arrivals` before each), and posts back the messages
 * of the opens that failed.
 */
import { parentPort, workerData } from "node:worker_threads";
import { openDatabase } from "../../src/storage/database.ts";

const { paths, arrivals, workers } = workerData as { paths: string[]; arrivals: Int32Array; workers: number };
const failures: string[] = [];
for (const [round, path] of paths.entries()) {
  Atomics.add(arrivals, 0, 1);
  while (Atomics.load(arrivals, 0) < (round + 1) * workers) {
    // Spinning rather than sleeping, so that all workers leave together.
  }
  try {
    await openDatabase(path).close();
  } catch (error) {
    failures.push((error as Error).message);
  }
}
parentPort?.postMessage(failures);
