// Postgres wire protocol (v3) helpers: framing of frontend messages, scanning of backend messages and the
// few backend messages the embedded server writes itself. Pure functions on Buffers, no I/O.

/** Protocol version 3.0 as sent in a StartupMessage. */
export const PROTOCOL_VERSION_3 = 196608;
/** Request code of an SSLRequest (sent in place of a protocol version). */
export const SSL_REQUEST_CODE = 80877103;
/** Request code of a GSSENCRequest. */
export const GSSENC_REQUEST_CODE = 80877104;
/** Request code of a CancelRequest. */
export const CANCEL_REQUEST_CODE = 80877102;

/** Transaction status carried by ReadyForQuery: idle, in a transaction block, in a failed transaction block. */
export type TransactionStatus = 'I' | 'T' | 'E';

/** An untyped message a client sends before the session starts. */
export type StartupPacket =
  | { kind: 'ssl-request' }
  | { kind: 'gssenc-request' }
  | { kind: 'cancel-request'; processId: number; secretKey: number }
  | { kind: 'startup'; protocolVersion: number; parameters: Record<string, string> };

/** A split of a byte stream into complete messages and the incomplete rest to keep for the next chunk. */
export interface Framed<T> {
  messages: T[];
  rest: Buffer;
}

/** Largest untyped startup packet we accept, in bytes (the limit Postgres itself uses). */
const MAX_STARTUP_LENGTH = 10_000;

/** Splits the first untyped startup packet (int32 length, int32 code, body) off `buffer`, or returns null if it is incomplete. */
export function takeStartupPacket(buffer: Buffer): { packet: StartupPacket; rest: Buffer } | null {
  if (buffer.length < 8) return null;
  const length = buffer.readInt32BE(0);
  if (length < 8 || length > MAX_STARTUP_LENGTH) {
    throw new Error(`invalid startup packet length ${length}`);
  }
  if (buffer.length < length) return null;
  const code = buffer.readInt32BE(4);
  const rest = buffer.subarray(length);
  if (code === SSL_REQUEST_CODE) return { packet: { kind: 'ssl-request' }, rest };
  if (code === GSSENC_REQUEST_CODE) return { packet: { kind: 'gssenc-request' }, rest };
  if (code === CANCEL_REQUEST_CODE) {
    if (length !== 16) throw new Error(`invalid cancel request length ${length}`);
    return {
      packet: { kind: 'cancel-request', processId: buffer.readInt32BE(8), secretKey: buffer.readInt32BE(12) },
      rest,
    };
  }
  const parameters: Record<string, string> = {};
  const fields = buffer.subarray(8, length).toString('utf8').split('\0');
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const name = fields[i];
    const value = fields[i + 1];
    if (!name || value === undefined) break;
    parameters[name] = value;
  }
  return { packet: { kind: 'startup', protocolVersion: code, parameters }, rest };
}

/** Splits a stream of typed frontend messages (type byte + int32 length including itself) into whole messages. */
export function splitTypedMessages(buffer: Buffer): Framed<Buffer> {
  const messages: Buffer[] = [];
  let offset = 0;
  while (buffer.length - offset >= 5) {
    const length = buffer.readInt32BE(offset + 1);
    if (length < 4) throw new Error(`invalid message length ${length}`);
    const end = offset + 1 + length;
    if (end > buffer.length) break;
    messages.push(buffer.subarray(offset, end));
    offset = end;
  }
  return { messages, rest: buffer.subarray(offset) };
}

/** Location of one backend message inside a response buffer. */
export interface BackendMessageRef {
  /** Type byte as a character, e.g. 'E' for ErrorResponse, 'Z' for ReadyForQuery. */
  type: string;
  /** Offset of the type byte. */
  offset: number;
  /** Total size in bytes including type byte and length. */
  size: number;
}

/** Lists the backend messages of a complete response buffer; throws if the buffer ends inside a message. */
export function scanBackendMessages(data: Uint8Array): BackendMessageRef[] {
  const view = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const refs: BackendMessageRef[] = [];
  let offset = 0;
  while (offset < view.length) {
    if (view.length - offset < 5) throw new Error('truncated backend message header');
    const size = 1 + view.readInt32BE(offset + 1);
    if (size < 5 || offset + size > view.length) throw new Error('truncated backend message');
    refs.push({ type: String.fromCharCode(view[offset] ?? 0), offset, size });
    offset += size;
  }
  return refs;
}

/** What a backend response contains, as far as session arbitration cares. */
export interface ResponseSummary {
  /** The response holds at least one ErrorResponse. */
  hasError: boolean;
  /** Status of the last ReadyForQuery, or null if the response holds none. */
  readyStatus: TransactionStatus | null;
}

/** Reads whether a backend response holds an ErrorResponse and the status of its last ReadyForQuery. */
export function summarizeResponse(data: Uint8Array): ResponseSummary {
  let hasError = false;
  let readyStatus: TransactionStatus | null = null;
  for (const ref of scanBackendMessages(data)) {
    if (ref.type === 'E') hasError = true;
    if (ref.type === 'Z') readyStatus = parseTransactionStatus(data[ref.offset + 5]);
  }
  return { hasError, readyStatus };
}

/** Removes every ReadyForQuery from a backend response, returning the remaining bytes and the last removed status. */
export function stripReadyForQuery(data: Uint8Array): {
  data: Buffer;
  removedStatus: TransactionStatus | null;
} {
  const view = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const kept: Buffer[] = [];
  let removedStatus: TransactionStatus | null = null;
  for (const ref of scanBackendMessages(data)) {
    if (ref.type === 'Z') removedStatus = parseTransactionStatus(view[ref.offset + 5]);
    else kept.push(view.subarray(ref.offset, ref.offset + ref.size));
  }
  return { data: Buffer.concat(kept), removedStatus };
}

function parseTransactionStatus(byte: number | undefined): TransactionStatus {
  const status = byte === undefined ? '' : String.fromCharCode(byte);
  if (status === 'I' || status === 'T' || status === 'E') return status;
  throw new Error(`invalid transaction status ${JSON.stringify(status)}`);
}

/** Frontend messages of the extended query protocol, after whose error Postgres skips everything until Sync. */
export const EXTENDED_QUERY_TYPES: ReadonlySet<string> = new Set(['P', 'B', 'D', 'E', 'C', 'H']);

/** Type byte of a typed message as a character. */
export function messageType(message: Buffer): string {
  return String.fromCharCode(message[0] ?? 0);
}

/** Renames prepared statements and portals in Parse, Bind, Describe, Close and Execute; the unnamed ones ('') stay as they are. */
export function renameObjects(
  message: Buffer,
  rename: { statement(name: string): string; portal(name: string): string },
): Buffer {
  const type = messageType(message);
  const body = message.subarray(5);
  switch (type) {
    case 'P': {
      const [statement, rest] = splitCString(body);
      return typedMessage('P', [cString(renameNamed(statement, rename.statement)), rest]);
    }
    case 'B': {
      const [portal, afterPortal] = splitCString(body);
      const [statement, rest] = splitCString(afterPortal);
      return typedMessage('B', [
        cString(renameNamed(portal, rename.portal)),
        cString(renameNamed(statement, rename.statement)),
        rest,
      ]);
    }
    case 'D':
    case 'C': {
      const kind = String.fromCharCode(body[0] ?? 0);
      const [name, rest] = splitCString(body.subarray(1));
      const renamed = renameNamed(name, kind === 'S' ? rename.statement : rename.portal);
      return typedMessage(type, [body.subarray(0, 1), cString(renamed), rest]);
    }
    case 'E': {
      const [portal, rest] = splitCString(body);
      return typedMessage('E', [cString(renameNamed(portal, rename.portal)), rest]);
    }
    default:
      return message;
  }
}

function renameNamed(name: string, rename: (name: string) => string): string {
  return name === '' ? '' : rename(name);
}

function splitCString(data: Buffer): [string, Buffer] {
  const end = data.indexOf(0);
  if (end < 0) throw new Error('unterminated string in frontend message');
  return [data.subarray(0, end).toString('utf8'), data.subarray(end + 1)];
}

function cString(value: string): Buffer {
  return Buffer.from(`${value}\0`, 'utf8');
}

/** Builds a typed message from its type character and body parts. */
export function typedMessage(type: string, parts: Buffer[] = []): Buffer {
  const body = Buffer.concat(parts);
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

/** AuthenticationOk: the server accepts the client without a password. */
export function authenticationOk(): Buffer {
  return typedMessage('R', [int32(0)]);
}

/** ParameterStatus: reports one run-time parameter (e.g. server_version) to the client. */
export function parameterStatus(name: string, value: string): Buffer {
  return typedMessage('S', [cString(name), cString(value)]);
}

/** BackendKeyData: the process id and secret key a client would use to cancel. */
export function backendKeyData(processId: number, secretKey: number): Buffer {
  return typedMessage('K', [int32(processId), int32(secretKey)]);
}

/** ReadyForQuery with the given transaction status. */
export function readyForQuery(status: TransactionStatus): Buffer {
  return typedMessage('Z', [Buffer.from(status, 'latin1')]);
}

/** ErrorResponse with severity, SQLSTATE code and message, e.g. for a startup the server refuses. */
export function errorResponse(severity: 'ERROR' | 'FATAL', code: string, message: string): Buffer {
  const field = (tag: string, value: string) => Buffer.from(`${tag}${value}\0`, 'utf8');
  return typedMessage('E', [
    field('S', severity),
    field('V', severity),
    field('C', code),
    field('M', message),
    Buffer.alloc(1),
  ]);
}

/** Simple Query message running `sql`. */
export function simpleQuery(sql: string): Buffer {
  return typedMessage('Q', [cString(sql)]);
}

/** Sync message, which ends an extended-query batch. */
export function sync(): Buffer {
  return typedMessage('S');
}

/** Close message for a prepared statement ('S') or portal ('P') by name. */
export function close(kind: 'S' | 'P', name: string): Buffer {
  return typedMessage('C', [Buffer.from(kind, 'latin1'), cString(name)]);
}

function int32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeInt32BE(value, 0);
  return buffer;
}
