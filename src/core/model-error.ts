import { readFileSync } from "node:fs";

/** Thrown when a committed model file is missing, damaged, or was trained for other features. */
export class ModelError extends Error {}

/** A model file's JSON, or a {@link ModelError} naming the file and the command that rebuilds it. */
export function readModelFile<T>(path: string, kind: string, rebuild: string): T {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as T;
  } catch (error) {
    throw new ModelError(`${kind} ${path} could not be read (${(error as Error).message}); run ${rebuild}`);
  }
}
