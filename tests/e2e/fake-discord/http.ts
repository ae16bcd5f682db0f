import type { IncomingMessage } from "node:http";

/** A file the bot uploaded in a multipart request. */
export interface UploadedFile {
  /** The form field, e.g. `files[0]`. */
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

/** A request body as the fake understands it: the JSON part (or `payload_json` of a multipart body) and files. */
export interface ParsedBody {
  json: unknown;
  files: UploadedFile[];
}

/** Reads and parses a request body; discord.js sends JSON, or multipart with `payload_json` when it uploads files. */
export async function readRequestBody(request: IncomingMessage): Promise<ParsedBody> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const contentType = request.headers["content-type"] ?? "";
  if (raw.length === 0) return { json: undefined, files: [] };
  if (contentType.startsWith("multipart/form-data")) return parseMultipart(raw, contentType);
  const text = raw.toString("utf8");
  return { json: contentType.includes("json") ? JSON.parse(text) : text, files: [] };
}

async function parseMultipart(raw: Buffer, contentType: string): Promise<ParsedBody> {
  // Node's fetch Response already implements multipart parsing, so no extra package is needed.
  const form = await new Response(raw, { headers: { "content-type": contentType } }).formData();
  let json: unknown;
  const files: UploadedFile[] = [];
  for (const [field, value] of form) {
    if (typeof value === "string") {
      if (field === "payload_json") json = JSON.parse(value);
    } else {
      files.push({
        field,
        filename: value.name,
        contentType: value.type,
        data: Buffer.from(await value.arrayBuffer()),
      });
    }
  }
  return { json, files };
}

/**
 * Matches a path against a pattern like `/channels/:channelId/messages`, returning the named segments, or
 * undefined. Segments are compared URL-decoded, so `%40original` matches `@original`.
 */
export function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const patternSegments = pattern.split("/");
  const pathSegments = path.split("/").map((segment) => decodeURIComponent(segment));
  if (patternSegments.length !== pathSegments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, expected] of patternSegments.entries()) {
    const actual = pathSegments[index] ?? "";
    if (expected.startsWith(":")) {
      if (actual === "") return undefined;
      params[expected.slice(1)] = actual;
    } else if (expected !== actual) {
      return undefined;
    }
  }
  return params;
}
