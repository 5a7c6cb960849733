// A Postgres wire-protocol server on one PGlite instance. PGlite is a single Postgres session shared by
// every socket, so this server arbitrates it: one connection at a time holds the session from the first
// message of a batch to the ReadyForQuery that ends it, and for as long as it is inside a transaction
// block; the others wait in FIFO order. It also restores the extended-protocol error rule PGlite breaks
// (ErrorResponse, then skip until Sync, then one ReadyForQuery) and gives every connection its own
// namespace of prepared statements and portals.
import { randomInt } from 'node:crypto';
import { type AddressInfo, type Server, type Socket, createServer } from 'node:net';
import type { PGliteInterface } from '@electric-sql/pglite';
import {
  EXTENDED_QUERY_TYPES,
  type TransactionStatus,
  authenticationOk,
  backendKeyData,
  close,
  errorResponse,
  messageType,
  parameterStatus,
  readyForQuery,
  renameObjects,
  simpleQuery,
  splitTypedMessages,
  stripReadyForQuery,
  summarizeResponse,
  sync,
  takeStartupPacket,
  PROTOCOL_VERSION_3,
} from './protocol';

/** Options of {@link startWireServer}. */
export interface WireServerOptions {
  /** Interface to listen on; default `127.0.0.1`. */
  host?: string;
  /** TCP port; default 0 (any free port). */
  port?: number;
}

/** A running wire server; closing it does not close the PGlite instance. */
export interface WireServer {
  /** The TCP port the server listens on. */
  readonly port: number;
  /** Stops accepting, closes every connection (rolling back what they left open) and waits for that. */
  close(): Promise<void>;
}

/** Parameters reported to each client at startup, read from the database once. */
const REPORTED_PARAMETERS = [
  'server_version',
  'server_encoding',
  'client_encoding',
  'DateStyle',
  'IntervalStyle',
  'TimeZone',
  'integer_datetimes',
  'standard_conforming_strings',
] as const;

/** Serves `db` over the Postgres wire protocol on `host:port` and resolves once it listens. */
export async function startWireServer(
  db: PGliteInterface,
  options: WireServerOptions = {},
): Promise<WireServer> {
  await db.waitReady;
  const parameters = await readParameters(db);
  const session = new SessionArbiter(db);
  const connections = new Set<Connection>();
  let nextId = 1;

  const server: Server = createServer((socket) => {
    const connection = new Connection(nextId++, socket, session, parameters);
    connections.add(connection);
    socket.once('close', () => connections.delete(connection));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });

  return {
    port: (server.address() as AddressInfo).port,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const connection of connections) connection.destroy();
      await closed;
      await session.idle();
    },
  };
}

async function readParameters(db: PGliteInterface): Promise<Map<string, string>> {
  const parameters = new Map<string, string>();
  for (const name of REPORTED_PARAMETERS) {
    const result = await db.query<{ value: string }>('select current_setting($1) as value', [name]);
    const value = result.rows[0]?.value;
    if (value !== undefined) parameters.set(name, value);
  }
  return parameters;
}

/** One client socket: its startup handshake, its queue of messages and its view of the session. */
class Connection {
  /** Frontend messages received but not yet run, in order. */
  readonly pending: Buffer[] = [];
  /** Transaction status of the last ReadyForQuery this connection received. */
  status: TransactionStatus = 'I';
  /** The connection has run messages since its last ReadyForQuery. */
  inBatch = false;
  /** An extended-protocol message failed: discard everything up to Sync. */
  skippingToSync = false;
  /** The socket is gone; what is left is releasing the session and its prepared statements. */
  closed = false;
  /** Client statement name → name in the shared session. */
  readonly statements = new Map<string, string>();
  /** Client portal name → name in the shared session. */
  readonly portals = new Map<string, string>();

  private started = false;
  private input: Buffer = Buffer.alloc(0);
  private namesIssued = 0;

  constructor(
    readonly id: number,
    private readonly socket: Socket,
    private readonly session: SessionArbiter,
    private readonly parameters: Map<string, string>,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.onClose());
  }

  /** Holds the session: mid-batch, or inside a transaction block. */
  holdsSession(): boolean {
    return this.inBatch || this.skippingToSync || this.status !== 'I';
  }

  /** Writes backend bytes to the client if it is still there. */
  send(data: Uint8Array): void {
    if (data.length > 0 && this.socket.writable) this.socket.write(data);
  }

  /** Closes the socket abruptly; the session is released by the close handler. */
  destroy(): void {
    this.socket.destroy();
  }

  /** Ends the socket after a Terminate message. */
  end(): void {
    this.socket.end();
  }

  /** Maps a client's statement or portal name to its own name in the shared session. */
  sessionName(kind: 'statement' | 'portal', name: string): string {
    const names = kind === 'statement' ? this.statements : this.portals;
    let mapped = names.get(name);
    if (mapped === undefined) {
      mapped = `c${this.id}_${kind === 'statement' ? 's' : 'p'}${++this.namesIssued}`;
      names.set(name, mapped);
    }
    return mapped;
  }

  private receive(chunk: Buffer): void {
    this.input = this.input.length === 0 ? chunk : Buffer.concat([this.input, chunk]);
    try {
      if (!this.started) this.handshake();
      if (!this.started) return;
      const { messages, rest } = splitTypedMessages(this.input);
      this.input = rest;
      if (messages.length === 0) return;
      this.pending.push(...messages);
      this.session.submit(this);
    } catch (error) {
      this.send(errorResponse('FATAL', '08P01', (error as Error).message));
      this.end();
    }
  }

  private handshake(): void {
    for (let taken = takeStartupPacket(this.input); taken; taken = takeStartupPacket(this.input)) {
      this.input = taken.rest;
      const { packet } = taken;
      if (packet.kind === 'ssl-request' || packet.kind === 'gssenc-request') {
        this.send(Buffer.from('N'));
        continue;
      }
      if (packet.kind === 'cancel-request') {
        // Nothing can interrupt a running PGlite query; Postgres sends no reply to a CancelRequest.
        this.end();
        return;
      }
      if (packet.protocolVersion !== PROTOCOL_VERSION_3) {
        throw new Error(
          `unsupported frontend protocol ${packet.protocolVersion >> 16}.${packet.protocolVersion & 0xffff}`,
        );
      }
      const greeting = [authenticationOk()];
      for (const [name, value] of this.parameters) greeting.push(parameterStatus(name, value));
      greeting.push(backendKeyData(this.id, randomInt(2 ** 31)), readyForQuery('I'));
      this.send(Buffer.concat(greeting));
      this.started = true;
      return;
    }
  }

  /** Drops what is still queued; returns false if the connection was already closed. */
  markClosed(): boolean {
    if (this.closed) return false;
    this.closed = true;
    this.pending.length = 0;
    return true;
  }

  private onClose(): void {
    if (this.markClosed()) this.session.submit(this);
  }
}

/** Runs connections' messages on the single PGlite session, one holder at a time, others in FIFO order. */
class SessionArbiter {
  private holder: Connection | null = null;
  private readonly waiting: Connection[] = [];
  private pumping: Promise<void> | null = null;

  constructor(private readonly db: PGliteInterface) {}

  /** Tells the arbiter that `connection` has new messages or has closed. */
  submit(connection: Connection): void {
    if (connection !== this.holder && !this.waiting.includes(connection)) this.waiting.push(connection);
    this.pumping ??= this.pump().finally(() => {
      this.pumping = null;
    });
  }

  /** Resolves when no work is running. */
  async idle(): Promise<void> {
    while (this.pumping) await this.pumping;
  }

  private async pump(): Promise<void> {
    for (let connection = this.next(); connection; connection = this.next()) {
      if (connection.closed) {
        await this.release(connection);
        continue;
      }
      const message = connection.pending.shift();
      if (!message) continue;
      try {
        await this.run(connection, message);
      } catch (error) {
        connection.send(
          errorResponse('FATAL', 'XX000', `embedded database failure: ${(error as Error).message}`),
        );
        connection.destroy();
        connection.markClosed();
      }
      if (connection.closed) {
        await this.release(connection);
      } else if (!connection.holdsSession()) {
        this.holder = null;
        if (connection.pending.length > 0) this.waiting.push(connection);
      }
    }
  }

  /** Picks who runs next: the holder while it holds the session, else the first waiting connection. */
  private next(): Connection | null {
    if (this.holder) {
      if (this.holder.closed || this.holder.pending.length > 0) return this.holder;
      if (this.holder.holdsSession()) return null;
      this.holder = null;
    }
    const connection = this.waiting.shift();
    if (!connection) return null;
    this.holder = connection;
    return connection;
  }

  /**
   * Runs frontend messages on the session and returns the backend's bytes as they are. Not `execProtocolRaw`:
   * in PGlite 0.5.8 that also parses every backend message into a list that only `execProtocol` empties, so a
   * server calling it alone keeps every answer it ever sent (about 0.7 MB for 2,000 rows of 200 bytes).
   */
  private async exec(message: Uint8Array): Promise<Buffer> {
    const chunks: Uint8Array[] = [];
    // A chunk is a view into PGlite's memory, reused for the next one: copy it.
    await this.db.execProtocolRawStream(message, { onRawData: (chunk) => chunks.push(chunk.slice()) });
    return Buffer.concat(chunks);
  }

  private async run(connection: Connection, message: Buffer): Promise<void> {
    const type = messageType(message);
    if (type === 'X') {
      connection.end();
      return;
    }
    if (connection.skippingToSync && type !== 'S') return;

    connection.inBatch = true;
    const renamed = renameObjects(message, {
      statement: (name) => connection.sessionName('statement', name),
      portal: (name) => connection.sessionName('portal', name),
    });
    const response = await this.exec(renamed);

    if (EXTENDED_QUERY_TYPES.has(type)) {
      // Postgres answers these messages without a ReadyForQuery; PGlite adds one after an error.
      const { data, removedStatus } = stripReadyForQuery(response);
      connection.send(data);
      if (summarizeResponse(data).hasError) {
        connection.skippingToSync = true;
        connection.status = removedStatus ?? connection.status;
      }
      return;
    }

    const { readyStatus } = summarizeResponse(response);
    connection.send(response);
    if (type === 'S' && readyStatus === null) connection.send(readyForQuery(connection.status));
    if (readyStatus !== null) connection.status = readyStatus;
    if (readyStatus !== null || type === 'S') {
      connection.inBatch = false;
      connection.skippingToSync = false;
    }
  }

  /** Undoes what a closed connection left in the session (open batch, transaction, statements) and frees it. */
  private async release(connection: Connection): Promise<void> {
    try {
      // After the database has shut down there is no session left to clean.
      if (this.db.closed) return;
      if (this.holder === connection) {
        if (connection.skippingToSync) await this.exec(sync());
        if (connection.inBatch || connection.status !== 'I') await this.exec(simpleQuery('ROLLBACK'));
      }
      if (connection.statements.size > 0 || connection.portals.size > 0) {
        const closes = [
          ...[...connection.statements.values()].map((name) => close('S', name)),
          ...[...connection.portals.values()].map((name) => close('P', name)),
        ];
        await this.exec(Buffer.concat([...closes, sync()]));
      }
    } catch (error) {
      // The client is gone, so nobody can receive this error: log it and free the session for the others.
      console.error(`embedded database: cleanup after connection ${connection.id} failed:`, error);
    } finally {
      connection.statements.clear();
      connection.portals.clear();
      connection.inBatch = false;
      connection.skippingToSync = false;
      connection.status = 'I';
      if (this.holder === connection) this.holder = null;
    }
  }
}
