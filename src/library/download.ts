/** Downloading a file a user gave (a Discord attachment's URL) with a size cap and a time limit. */
import { formatBytes } from "./extract.ts";

export type Download = { ok: true; bytes: Uint8Array } | { ok: false; problem: string };

/**
 * Reads `url` into memory, stopping as soon as more than `maxBytes` arrive (the declared size is not
 * trusted) or `timeoutMs` passes. Every failure is one line for the user.
 */
export async function downloadLimited(
  url: string,
  limits: { maxBytes: number; timeoutMs: number },
): Promise<Download> {
  const tooLarge: Download = {
    ok: false,
    problem: `The file is larger than the ${formatBytes(limits.maxBytes)} download limit.`,
  };
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(limits.timeoutMs), redirect: "follow" });
    if (!response.ok || response.body === null) {
      await response.body?.cancel();
      return { ok: false, problem: `The file could not be downloaded (HTTP ${response.status}).` };
    }
    const declared = Number(response.headers.get("content-length"));
    if (Number.isFinite(declared) && declared > limits.maxBytes) {
      await response.body.cancel();
      return tooLarge;
    }
    const chunks: Uint8Array[] = [];
    let received = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      received += chunk.byteLength;
      if (received > limits.maxBytes) return tooLarge;
      chunks.push(chunk);
    }
    return { ok: true, bytes: Buffer.concat(chunks) };
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    return {
      ok: false,
      problem: timedOut
        ? `The file could not be downloaded (no answer within ${Math.round(limits.timeoutMs / 1000)} s).`
        : "The file could not be downloaded (the connection failed).",
    };
  }
}
