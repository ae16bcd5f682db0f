import { createServer } from "node:net";

/**
 * A TCP port free on 127.0.0.1 a moment ago, for a child process that takes its port from the environment
 * (where 0 is refused). Another process could take it in between; on a test machine that is rare.
 */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== "object" || address === null) throw new Error("no port");
  return address.port;
}
