import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { createDeflate, deflateSync, constants as zlibConstants } from "node:zlib";
import {
  GatewayCloseCodes,
  GatewayDispatchEvents,
  GatewayIntentBits,
  GatewayOpcodes,
  type GatewayReadyDispatchData,
} from "discord.js";
import { type RawData, type WebSocket, WebSocketServer } from "ws";

/** The intents a bot may only use once they are enabled on the Bot page of the Developer Portal. */
export const privilegedIntentBits =
  GatewayIntentBits.GuildMembers | GatewayIntentBits.GuildPresences | GatewayIntentBits.MessageContent;

/** A payload the bot sent over the gateway. */
export interface ReceivedGatewayPayload {
  /** Which connection it came on; see {@link GatewayConnectionRecord.id}. */
  connectionId: number;
  op: number;
  d: unknown;
  at: number;
}

/** One WebSocket connection the bot opened to the fake gateway. */
export interface GatewayConnectionRecord {
  id: number;
  /** `/gateway` for a fresh connection, `/resume` when the bot used READY's `resume_gateway_url`. */
  path: string;
  query: Record<string, string>;
  openedAt: number;
  closedAt?: number;
  closeCode?: number;
}

/** A session's shard as IDENTIFY gave it: `[shard_id, num_shards]`; `[0, 1]` when IDENTIFY gave none. */
export type GatewayShard = readonly [id: number, count: number];

/**
 * The shard that receives a guild's events when a bot runs `shardCount` shards: Discord's
 * `shard_id = (guild_id >> 22) % num_shards`.
 */
export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** Whether a session on `shard` gets the events of `guildId`; DM events (`null`) go to shard 0 only. */
function shardReceives([id, count]: GatewayShard, guildId: string | null): boolean {
  return guildId === null ? id === 0 : shardOf(guildId, count) === id;
}

/** An event no session could take, because no session's shard receives events of its guild (or DMs). */
export interface UndeliveredDispatch {
  t: GatewayDispatchEvents;
  /** The guild it came from; null for a DM. */
  guildId: string | null;
  at: number;
}

/** A gateway event: its name and data. */
export interface GatewayDispatch {
  t: GatewayDispatchEvents;
  d: unknown;
}

/** What the gateway needs from the rest of the fake. */
export interface FakeGatewayOptions {
  /** The bot token IDENTIFY and RESUME must carry; anything else closes the socket with 4004. */
  token: string;
  /**
   * The privileged intents enabled for the application; IDENTIFY asking for any other privileged intent is
   * closed with 4014 (Disallowed intent(s)).
   */
  privilegedIntents: number;
  heartbeatIntervalMs: number;
  /** IDENTIFY whose READY would list more guilds than this is closed with 4011 (Sharding required). */
  maxGuildsPerShard: number;
  /** Builds READY for a new session on `shard`: it lists only the guilds of that shard. */
  buildReady(sessionId: string, shard: GatewayShard): GatewayReadyDispatchData;
  /** The events that follow READY for a new session with these intents (GUILD_CREATE per guild of the shard). */
  afterReady(intents: number, shard: GatewayShard): GatewayDispatch[];
  /** Called after every change, so pending waits re-check. */
  onChange(): void;
}

interface SentDispatch {
  s: number;
  t: GatewayDispatchEvents;
  d: unknown;
}

/** A gateway session: it outlives connections, so a RESUME can replay what the bot missed. */
interface GatewaySession {
  id: string;
  intents: number;
  shard: GatewayShard;
  sequence: number;
  history: SentDispatch[];
  connection: GatewayConnection | undefined;
}

interface IdentifyData {
  token?: string;
  intents?: number;
  compress?: boolean;
  shard?: unknown;
}

/** IDENTIFY's `shard` when Discord accepts it (none means `[0, 1]`); undefined for close code 4010. */
function validShard(shard: unknown): GatewayShard | undefined {
  if (shard === undefined) return [0, 1];
  if (!Array.isArray(shard) || shard.length !== 2 || !shard.every(Number.isInteger)) return undefined;
  const [id, count] = shard as [number, number];
  return count >= 1 && id >= 0 && id < count ? [id, count] : undefined;
}

interface GatewayPayload {
  op: GatewayOpcodes;
  d: unknown;
  s: number | null;
  t: string | null;
}

/** One socket and how payloads are encoded on it. */
class GatewayConnection {
  session: GatewaySession | undefined;
  #encode: (json: string) => void;

  constructor(
    readonly socket: WebSocket,
    readonly record: GatewayConnectionRecord,
  ) {
    this.#encode =
      record.query.compress === "zlib-stream" ? zlibStreamEncoder(socket) : (json) => socket.send(json);
  }

  send(payload: GatewayPayload): void {
    if (this.socket.readyState === this.socket.OPEN) this.#encode(JSON.stringify(payload));
  }

  /** IDENTIFY `compress: true`: each later payload is deflated on its own (unless zlib-stream is already on). */
  compressEachPayload(): void {
    if (this.record.query.compress === "zlib-stream") return;
    this.#encode = (json) => this.socket.send(deflateSync(json));
  }
}

/** zlib-stream transport compression: one deflate context per socket, each payload sync-flushed. */
function zlibStreamEncoder(socket: WebSocket): (json: string) => void {
  const deflate = createDeflate();
  let pending: Buffer[] = [];
  deflate.on("data", (chunk: Buffer) => pending.push(chunk));
  return (json) => {
    deflate.write(json);
    deflate.flush(zlibConstants.Z_SYNC_FLUSH, () => {
      const frame = Buffer.concat(pending);
      pending = [];
      if (socket.readyState === socket.OPEN) socket.send(frame);
    });
  };
}

/** Normal closes end the session on Discord; any other close keeps it resumable. */
const sessionEndingCloseCodes = new Set([1000, 1001]);

/**
 * The fake gateway: HELLO, heartbeat ACKs, IDENTIFY → READY and the events that follow, RESUME with replay,
 * and sequence numbers per session. Test controls drop connections and send op 7 and op 9.
 *
 * Sharding as on Discord: each session belongs to the shard its IDENTIFY named, and gets only the events of
 * that shard's guilds (DMs on shard 0). Several sessions may hold the same shard at once; each gets every
 * event of it, as Discord does (a bot that does this answers twice).
 */
export class FakeGateway {
  /** Every payload the bot sent, in order. */
  readonly received: ReceivedGatewayPayload[] = [];
  /** Every connection the bot opened, in order. */
  readonly connections: GatewayConnectionRecord[] = [];
  /**
   * Every event no session's shard receives, in order. A session whose socket dropped still counts: its
   * events wait for its RESUME. One closed normally (code 1000/1001, as `client.destroy()` does) is gone.
   */
  readonly undelivered: UndeliveredDispatch[] = [];
  readonly #server = new WebSocketServer({ noServer: true });
  readonly #sessions = new Map<string, GatewaySession>();
  readonly #open = new Set<GatewayConnection>();
  readonly #options: FakeGatewayOptions;
  /** Upgrade requests waiting for {@link releaseConnections}; null while connections are accepted at once. */
  #held: Array<{ request: IncomingMessage; socket: Duplex; head: Buffer }> | null = null;

  constructor(options: FakeGatewayOptions) {
    this.#options = options;
  }

  /** Takes over an HTTP upgrade request for `/gateway` or `/resume`. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (this.#held) {
      this.#held.push({ request, socket, head });
      return;
    }
    const url = new URL(request.url ?? "/", "http://fake");
    this.#server.handleUpgrade(request, socket, head, (ws) => {
      const record: GatewayConnectionRecord = {
        id: this.connections.length + 1,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        openedAt: Date.now(),
      };
      this.connections.push(record);
      this.#accept(new GatewayConnection(ws, record));
    });
  }

  /** Leaves new connections waiting for the handshake, as during an outage, until {@link releaseConnections}. */
  holdConnections(): void {
    this.#held ??= [];
  }

  /** Accepts the connections held since {@link holdConnections}, and new ones at once again. */
  releaseConnections(): void {
    const held = this.#held ?? [];
    this.#held = null;
    for (const { request, socket, head } of held) this.handleUpgrade(request, socket, head);
  }

  /** True while some bot holds a session, connected or waiting to resume. */
  get hasSessions(): boolean {
    return this.#sessions.size > 0;
  }

  /**
   * Sends an event of `guildId` (null for a DM) to every session whose shard receives it; `dataFor` returns
   * its data for a session's intents, or undefined when those intents exclude it. Sessions without a live
   * connection keep the event for their RESUME. When no session's shard receives it, it is recorded in
   * {@link undelivered}.
   */
  dispatch(
    event: GatewayDispatchEvents,
    guildId: string | null,
    dataFor: (intents: number) => unknown,
  ): void {
    const receivers = [...this.#sessions.values()].filter((session) => shardReceives(session.shard, guildId));
    if (receivers.length === 0) {
      this.undelivered.push({ t: event, guildId, at: Date.now() });
      this.#options.onChange();
    }
    for (const session of receivers) {
      const data = dataFor(session.intents);
      if (data !== undefined) this.#dispatchTo(session, event, data);
    }
  }

  /** Ends every live connection: with a close frame of `closeCode`, or a TCP drop when none is given. */
  dropConnections(closeCode?: number): void {
    for (const connection of this.#open) {
      if (closeCode === undefined) connection.socket.terminate();
      else connection.socket.close(closeCode, "Dropped by the fake");
    }
  }

  /** Sends op 9 INVALID_SESSION; a non-resumable one also forgets the sessions. */
  sendInvalidSession(resumable: boolean): void {
    for (const connection of this.#open) {
      const session = connection.session;
      if (!session) continue;
      connection.send({ op: GatewayOpcodes.InvalidSession, d: resumable, s: null, t: null });
      if (!resumable) {
        this.#sessions.delete(session.id);
        connection.session = undefined;
      }
    }
  }

  /** Sends op 7 RECONNECT, which asks the bot to reconnect and resume. */
  requestReconnect(): void {
    for (const connection of this.#open) {
      if (connection.session) connection.send({ op: GatewayOpcodes.Reconnect, d: null, s: null, t: null });
    }
  }

  /** Closes every socket and forgets every session. */
  async close(): Promise<void> {
    for (const { socket } of this.#held ?? []) socket.destroy();
    this.#held = null;
    for (const connection of this.#open) connection.socket.terminate();
    this.#sessions.clear();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #accept(connection: GatewayConnection): void {
    this.#open.add(connection);
    const { socket } = connection;
    socket.on("message", (data, isBinary) => this.#onMessage(connection, data, isBinary));
    socket.on("close", (code) => this.#onClose(connection, code));
    // A dropped socket can report ECONNRESET; the close that follows is what matters.
    socket.on("error", () => undefined);
    connection.send({
      op: GatewayOpcodes.Hello,
      d: { heartbeat_interval: this.#options.heartbeatIntervalMs },
      s: null,
      t: null,
    });
    this.#options.onChange();
  }

  #onClose(connection: GatewayConnection, code: number): void {
    this.#open.delete(connection);
    connection.record.closedAt = Date.now();
    connection.record.closeCode = code;
    const session = connection.session;
    if (session?.connection === connection) {
      session.connection = undefined;
      if (sessionEndingCloseCodes.has(code)) this.#sessions.delete(session.id);
    }
    this.#options.onChange();
  }

  #onMessage(connection: GatewayConnection, data: RawData, isBinary: boolean): void {
    let payload: { op?: unknown; d?: unknown };
    try {
      if (isBinary) throw new Error("binary frames are not JSON");
      payload = JSON.parse(data.toString());
    } catch {
      connection.socket.close(GatewayCloseCodes.DecodeError, "Error while decoding payload.");
      return;
    }
    this.received.push({
      connectionId: connection.record.id,
      op: Number(payload.op),
      d: payload.d,
      at: Date.now(),
    });
    this.#options.onChange();
    switch (payload.op) {
      case GatewayOpcodes.Heartbeat:
        connection.send({ op: GatewayOpcodes.HeartbeatAck, d: null, s: null, t: null });
        return;
      case GatewayOpcodes.Identify:
        this.#identify(connection, payload.d as IdentifyData);
        return;
      case GatewayOpcodes.Resume:
        this.#resume(connection, payload.d as { token?: string; session_id?: string; seq?: number });
        return;
      case GatewayOpcodes.PresenceUpdate:
      case GatewayOpcodes.VoiceStateUpdate:
      case GatewayOpcodes.RequestGuildMembers:
      case GatewayOpcodes.RequestSoundboardSounds:
        if (!connection.session)
          connection.socket.close(GatewayCloseCodes.NotAuthenticated, "Not authenticated.");
        return;
      default:
        connection.socket.close(GatewayCloseCodes.UnknownOpcode, "Unknown opcode.");
    }
  }

  #identify(connection: GatewayConnection, identify: IdentifyData): void {
    if (connection.session) {
      connection.socket.close(GatewayCloseCodes.AlreadyAuthenticated, "Already authenticated.");
      return;
    }
    if (!this.#tokenMatches(identify.token)) {
      connection.socket.close(GatewayCloseCodes.AuthenticationFailed, "Authentication failed.");
      return;
    }
    const intents = Number(identify.intents ?? 0);
    if (intents & privilegedIntentBits & ~this.#options.privilegedIntents) {
      connection.socket.close(GatewayCloseCodes.DisallowedIntents, "Disallowed intent(s).");
      return;
    }
    const shard = validShard(identify.shard);
    if (!shard) {
      connection.socket.close(GatewayCloseCodes.InvalidShard, "Invalid shard.");
      return;
    }
    const id = randomBytes(16).toString("hex");
    const ready = this.#options.buildReady(id, shard);
    if (ready.guilds.length > this.#options.maxGuildsPerShard) {
      connection.socket.close(GatewayCloseCodes.ShardingRequired, "Sharding required.");
      return;
    }
    if (identify.compress === true) connection.compressEachPayload();
    const session: GatewaySession = {
      id,
      intents,
      shard,
      sequence: 0,
      history: [],
      connection,
    };
    this.#sessions.set(session.id, session);
    connection.session = session;
    this.#dispatchTo(session, GatewayDispatchEvents.Ready, ready);
    for (const event of this.#options.afterReady(session.intents, shard))
      this.#dispatchTo(session, event.t, event.d);
  }

  #resume(
    connection: GatewayConnection,
    resume: { token?: string; session_id?: string; seq?: number },
  ): void {
    if (!this.#tokenMatches(resume.token)) {
      connection.socket.close(GatewayCloseCodes.AuthenticationFailed, "Authentication failed.");
      return;
    }
    const session = this.#sessions.get(resume.session_id ?? "");
    if (!session) {
      connection.send({ op: GatewayOpcodes.InvalidSession, d: false, s: null, t: null });
      return;
    }
    if (session.connection && session.connection !== connection) session.connection.socket.terminate();
    session.connection = connection;
    connection.session = session;
    const lastSeen = resume.seq ?? 0;
    for (const missed of session.history.filter((sent) => sent.s > lastSeen)) {
      connection.send({ op: GatewayOpcodes.Dispatch, ...missed });
    }
    this.#dispatchTo(session, GatewayDispatchEvents.Resumed, {});
  }

  #dispatchTo(session: GatewaySession, event: GatewayDispatchEvents, data: unknown): void {
    session.sequence++;
    const sent: SentDispatch = { s: session.sequence, t: event, d: data };
    session.history.push(sent);
    session.connection?.send({ op: GatewayOpcodes.Dispatch, ...sent });
  }

  #tokenMatches(token: string | undefined): boolean {
    return token === this.#options.token || token === `Bot ${this.#options.token}`;
  }
}
