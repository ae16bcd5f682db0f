/**
 * Building the engine while the program already serves: the first step runs at once (so a cached index is
 * ready straight away, and a missing or empty corpus folder fails before anything starts), the rest in
 * slices between other events. Until it finishes, callers see how far it got instead of an engine.
 */
import type { BuildProgress, LoadEngineOptions, LoadedEngine, QaEngine } from "./engine.ts";
import { loadEngineSteps } from "./engine.ts";
import type { CorpusRead } from "./ingest/corpus.ts";
import { runStepsInSlices } from "./steps.ts";

/** Tunable behaviour of a background build. Defaults in {@link defaultEngineBuildOptions}. */
export interface EngineBuildOptions {
  /** Longest stretch of build work before other events (replies, heartbeats, typed lines) run (ms). */
  sliceMs: number;
}

export const defaultEngineBuildOptions: EngineBuildOptions = { sliceMs: 10 };

/** An engine being loaded or built in the background, and the engine once it is there. */
export class EngineBuild {
  #loaded: LoadedEngine | null = null;
  #fraction = 0;
  /** Settles with the engine when it is ready; rejects with why it could not be built (e.g. a `CorpusError`). */
  readonly finished: Promise<LoadedEngine>;

  /**
   * Starts loading with `load` (its `onProgress` still hears every report). Throws at once what the first
   * step throws: a corpus folder that is missing or holds no usable file. With `read`, those files are
   * built instead of the folder's (a server's library comes from the database).
   */
  constructor(load: LoadEngineOptions, options: Partial<EngineBuildOptions> = {}, read?: CorpusRead) {
    const { sliceMs } = { ...defaultEngineBuildOptions, ...options };
    const onProgress = (progress: BuildProgress) => {
      this.#fraction = progress.fraction;
      load.onProgress?.(progress);
    };
    const steps = loadEngineSteps({ ...load, onProgress }, read);
    const first = steps.next();
    if (first.done) {
      this.#done(first.value);
      this.finished = Promise.resolve(first.value);
    } else {
      this.finished = runStepsInSlices(steps, sliceMs).then((loaded) => this.#done(loaded));
    }
  }

  #done(loaded: LoadedEngine): LoadedEngine {
    this.#loaded = loaded;
    this.#fraction = 1;
    return loaded;
  }

  /** The loaded engine with its warnings and sources, or null while it is being built. */
  get loaded(): LoadedEngine | null {
    return this.#loaded;
  }

  /** The engine, or null while it is being built. */
  get current(): QaEngine | null {
    return this.#loaded?.engine ?? null;
  }

  /** Share of the build done, 0–1 (1 once the engine is there). */
  get fraction(): number {
    return this.#fraction;
  }
}
