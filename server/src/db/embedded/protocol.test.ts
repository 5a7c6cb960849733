import { describe, expect, it } from 'vitest';
import {
  CANCEL_REQUEST_CODE,
  PROTOCOL_VERSION_3,
  SSL_REQUEST_CODE,
  errorResponse,
  readyForQuery,
  renameObjects,
  scanBackendMessages,
  splitTypedMessages,
  stripReadyForQuery,
  summarizeResponse,
  sync,
  takeStartupPacket,
  typedMessage,
} from './protocol';

const cstr = (value: string) => Buffer.from(`${value}\0`);
const int32s = (...values: number[]) => {
  const buffer = Buffer.alloc(4 * values.length);
  values.forEach((value, i) => buffer.writeInt32BE(value, 4 * i));
  return buffer;
};
const untyped = (...parts: Buffer[]) => {
  const body = Buffer.concat(parts);
  return Buffer.concat([int32s(body.length + 4), body]);
};
const parse = (name: string, sql: string) => typedMessage('P', [cstr(name), cstr(sql), Buffer.from([0, 0])]);
const bind = (portal: string, statement: string) =>
  typedMessage('B', [cstr(portal), cstr(statement), Buffer.from([0, 0, 0, 0, 0, 0])]);

describe('takeStartupPacket', () => {
  it('reads a StartupMessage with its parameters and keeps what follows', () => {
    const startup = untyped(
      int32s(PROTOCOL_VERSION_3),
      cstr('user'),
      cstr('postgres'),
      cstr('database'),
      cstr('db'),
      cstr(''),
    );
    const taken = takeStartupPacket(Buffer.concat([startup, sync()]));
    expect(taken?.packet).toEqual({
      kind: 'startup',
      protocolVersion: PROTOCOL_VERSION_3,
      parameters: { user: 'postgres', database: 'db' },
    });
    expect(taken?.rest).toEqual(sync());
  });

  it('recognises SSLRequest and CancelRequest', () => {
    expect(takeStartupPacket(untyped(int32s(SSL_REQUEST_CODE)))?.packet).toEqual({ kind: 'ssl-request' });
    expect(takeStartupPacket(untyped(int32s(CANCEL_REQUEST_CODE, 42, 7)))?.packet).toEqual({
      kind: 'cancel-request',
      processId: 42,
      secretKey: 7,
    });
  });

  it('waits for the rest of a packet split across chunks', () => {
    const packet = untyped(int32s(SSL_REQUEST_CODE));
    expect(takeStartupPacket(packet.subarray(0, 3))).toBeNull();
    expect(takeStartupPacket(packet.subarray(0, 7))).toBeNull();
  });

  it('rejects an impossible length', () => {
    expect(() => takeStartupPacket(int32s(3, 0))).toThrow(/invalid startup packet length/);
    expect(() => takeStartupPacket(int32s(1_000_000, 0))).toThrow(/invalid startup packet length/);
  });
});

describe('splitTypedMessages', () => {
  it('splits whole messages and keeps a partial one for later', () => {
    const first = parse('', 'select 1');
    const second = bind('', '');
    const stream = Buffer.concat([first, second, sync()]);
    const cut = first.length + second.length + 2;
    const { messages, rest } = splitTypedMessages(stream.subarray(0, cut));
    expect(messages).toEqual([first, second]);
    expect(rest).toEqual(sync().subarray(0, 2));
    expect(splitTypedMessages(Buffer.concat([rest, stream.subarray(cut)])).messages).toEqual([sync()]);
  });

  it('needs five bytes before it knows a length', () => {
    expect(splitTypedMessages(Buffer.from('S\0\0\0')).messages).toEqual([]);
  });

  it('rejects a length below four', () => {
    expect(() => splitTypedMessages(Buffer.from([0x51, 0, 0, 0, 3]))).toThrow(/invalid message length/);
  });
});

describe('backend scanning', () => {
  const parseComplete = typedMessage('1');
  const error = errorResponse('ERROR', '42601', 'syntax error');

  it('lists messages with their offsets and sizes', () => {
    const data = Buffer.concat([parseComplete, error, readyForQuery('T')]);
    expect(scanBackendMessages(data)).toEqual([
      { type: '1', offset: 0, size: 5 },
      { type: 'E', offset: 5, size: error.length },
      { type: 'Z', offset: 5 + error.length, size: 6 },
    ]);
  });

  it('reports errors and the status of the last ReadyForQuery', () => {
    expect(summarizeResponse(Buffer.concat([error, readyForQuery('E')]))).toEqual({
      hasError: true,
      readyStatus: 'E',
    });
    expect(summarizeResponse(parseComplete)).toEqual({ hasError: false, readyStatus: null });
    expect(summarizeResponse(new Uint8Array(0))).toEqual({ hasError: false, readyStatus: null });
  });

  it('works on a view into a larger buffer', () => {
    const backing = Buffer.concat([Buffer.from('xx'), readyForQuery('I')]);
    expect(summarizeResponse(new Uint8Array(backing.buffer, backing.byteOffset + 2, 6)).readyStatus).toBe(
      'I',
    );
  });

  it('strips premature ReadyForQuery messages and remembers their status', () => {
    const stripped = stripReadyForQuery(Buffer.concat([error, readyForQuery('E')]));
    expect(stripped).toEqual({ data: error, removedStatus: 'E' });
    expect(stripReadyForQuery(parseComplete)).toEqual({ data: parseComplete, removedStatus: null });
  });

  it('rejects truncated responses and unknown statuses', () => {
    expect(() => scanBackendMessages(error.subarray(0, error.length - 1))).toThrow(/truncated/);
    expect(() => summarizeResponse(typedMessage('Z', [Buffer.from('X')]))).toThrow(
      /invalid transaction status/,
    );
  });
});

describe('renameObjects', () => {
  const rename = { statement: (name: string) => `s_${name}`, portal: (name: string) => `p_${name}` };

  it('renames the statement of Parse and keeps its SQL and parameter types', () => {
    const message = typedMessage('P', [cstr('q1'), cstr('select $1'), Buffer.from([0, 1, 0, 0, 0, 23])]);
    expect(renameObjects(message, rename)).toEqual(
      typedMessage('P', [cstr('s_q1'), cstr('select $1'), Buffer.from([0, 1, 0, 0, 0, 23])]),
    );
  });

  it('renames portal and statement of Bind, and names in Describe, Close and Execute', () => {
    expect(renameObjects(bind('cur', 'q1'), rename)).toEqual(bind('p_cur', 's_q1'));
    expect(renameObjects(typedMessage('D', [Buffer.from('S'), cstr('q1')]), rename)).toEqual(
      typedMessage('D', [Buffer.from('S'), cstr('s_q1')]),
    );
    expect(renameObjects(typedMessage('C', [Buffer.from('P'), cstr('cur')]), rename)).toEqual(
      typedMessage('C', [Buffer.from('P'), cstr('p_cur')]),
    );
    expect(renameObjects(typedMessage('E', [cstr('cur'), int32s(100)]), rename)).toEqual(
      typedMessage('E', [cstr('p_cur'), int32s(100)]),
    );
  });

  it('leaves unnamed objects and other messages untouched', () => {
    const unnamed = bind('', '');
    expect(renameObjects(unnamed, rename)).toEqual(unnamed);
    const end = sync();
    expect(renameObjects(end, rename)).toBe(end);
    const query = typedMessage('Q', [cstr('select 1')]);
    expect(renameObjects(query, rename)).toBe(query);
  });
});
