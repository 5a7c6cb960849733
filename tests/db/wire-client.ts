// A minimal Postgres wire-protocol client for tests that need exact control over the messages sent and
// the messages answered (which a driver such as postgres.js hides).
import net from 'node:net';
import { PROTOCOL_VERSION_3, SSL_REQUEST_CODE, typedMessage } from '@titik-rawan/server/db/embedded/protocol';

/** One backend message: its type character and body. */
export interface BackendMessage {
  type: string;
  body: Buffer;
}

const cstr = (value: string) => Buffer.from(`${value}\0`);

/** Frontend message builders for the extended and simple query protocol. */
export const frontend = {
  /** Parse `sql` into the named statement. */
  parse: (name: string, sql: string) => typedMessage('P', [cstr(name), cstr(sql), Buffer.from([0, 0])]),
  /** Bind the named statement, without parameters, to the unnamed portal. */
  bind: (statement: string) =>
    typedMessage('B', [cstr(''), cstr(statement), Buffer.from([0, 0, 0, 0, 0, 0])]),
  /** Execute the unnamed portal to the end. */
  execute: () => typedMessage('E', [cstr(''), Buffer.alloc(4)]),
  /** Flush: ask for the answers so far without ending the batch. */
  flush: () => typedMessage('H'),
  /** Sync: end of an extended-query batch. */
  sync: () => typedMessage('S'),
  /** Simple Query. */
  query: (sql: string) => typedMessage('Q', [cstr(sql)]),
  /** Terminate. */
  terminate: () => typedMessage('X'),
};

/** A raw connection that has completed the startup handshake. */
export class WireClient {
  private received = Buffer.alloc(0);
  private waiter: (() => void) | null = null;

  private constructor(readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.received = Buffer.concat([this.received, chunk]);
      this.waiter?.();
    });
    socket.on('close', () => this.waiter?.());
  }

  /** Connects, optionally asks for SSL first (returning the one-byte answer), and completes the startup. */
  static async connect(port: number, options: { sslRequest?: boolean } = {}): Promise<WireClient> {
    const socket = net.connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    const client = new WireClient(socket);
    if (options.sslRequest) {
      socket.write(untyped([int32(SSL_REQUEST_CODE)]));
      const answer = await client.take(1);
      if (answer.toString() !== 'N') throw new Error(`unexpected SSL answer ${answer.toString()}`);
    }
    socket.write(untyped([int32(PROTOCOL_VERSION_3), cstr('user'), cstr('postgres'), cstr('')]));
    await client.untilReady();
    return client;
  }

  /** Sends the messages in one write. */
  send(...messages: Buffer[]): void {
    this.socket.write(Buffer.concat(messages));
  }

  /** Reads backend messages up to and including the `count`-th ReadyForQuery. */
  async untilReady(count = 1): Promise<BackendMessage[]> {
    const messages: BackendMessage[] = [];
    let ready = 0;
    while (ready < count) {
      const header = await this.take(5);
      const body = await this.take(header.readInt32BE(1) - 4);
      const message = { type: String.fromCharCode(header[0] ?? 0), body };
      messages.push(message);
      if (message.type === 'Z') ready++;
    }
    return messages;
  }

  /** Number of bytes that have arrived and not been read yet. */
  get unreadBytes(): number {
    return this.received.length;
  }

  /** Resolves when the server has closed the connection. */
  async closed(): Promise<void> {
    while (!this.socket.destroyed && this.socket.readable) await this.next();
  }

  private async take(size: number): Promise<Buffer> {
    while (this.received.length < size) {
      if (this.socket.destroyed) throw new Error('connection closed');
      await this.next();
    }
    const taken = this.received.subarray(0, size);
    this.received = this.received.subarray(size);
    return taken;
  }

  private next(): Promise<void> {
    return new Promise((resolve) => {
      this.waiter = () => {
        this.waiter = null;
        resolve();
      };
    });
  }
}

/** The text fields of an ErrorResponse body, e.g. `C` for the SQLSTATE code. */
export function errorFields(body: Buffer): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const field of body.toString('utf8').split('\0')) {
    if (field.length > 1) fields[field[0] ?? ''] = field.slice(1);
  }
  return fields;
}

/** The values of the first DataRow in `messages`, as text. */
export function firstRow(messages: BackendMessage[]): string[] {
  const row = messages.find((message) => message.type === 'D');
  if (!row) return [];
  const values: string[] = [];
  let offset = 2;
  for (let column = 0; column < row.body.readInt16BE(0); column++) {
    const length = row.body.readInt32BE(offset);
    offset += 4;
    values.push(row.body.subarray(offset, offset + length).toString('utf8'));
    offset += length;
  }
  return values;
}

function untyped(parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  return Buffer.concat([int32(body.length + 4), body]);
}

function int32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeInt32BE(value, 0);
  return buffer;
}
