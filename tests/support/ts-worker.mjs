// A worker thread's entry that runs the TypeScript module named in `workerData.entry`: workers do not
// inherit the parent's `--import tsx` loader on Node 20.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.entry);
