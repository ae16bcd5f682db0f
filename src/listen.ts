import type { Server } from "node:http";

/**
 * Starts `server` listening on `host:port`; when it cannot, rejects with `refusal(line)`, `line` saying in
 * one sentence what could not listen where and why (`the port is in use`), naming the variables to change.
 */
export function listenOrSayWhy(
  server: Server,
  address: { host: string; port: number },
  what: string,
  variables: string,
  refusal: (line: string) => Error,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      const why = error.code === "EADDRINUSE" ? "the port is in use" : error.message;
      reject(refusal(`${what} cannot listen on ${address.host}:${address.port} (${variables}): ${why}`));
    });
    server.listen(address.port, address.host, resolve);
  });
}
