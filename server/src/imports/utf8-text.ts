// Bytes of an uploaded file to text, chunk by chunk: strict UTF-8 (a byte-order mark is dropped), and a file
// that is not UTF-8 is refused with the number of the first line that is not, so the user can find it.
import type { Readable } from 'node:stream';
import { ImportFileError } from './rows';

/** An upload as it arrives: an async iterable of byte chunks (a Node stream, a web stream), or chunks in memory. */
export type ByteSource = AsyncIterable<Uint8Array> | Iterable<Uint8Array> | Readable;

const NEWLINE = 0x0a;

function countNewlines(bytes: Uint8Array): number {
  let count = 0;
  for (let at = bytes.indexOf(NEWLINE); at !== -1; at = bytes.indexOf(NEWLINE, at + 1)) count++;
  return count;
}

/** The last bytes of a chunk that may begin a character completed by the next chunk (at most 3, from a lead byte). */
function carriedTail(bytes: Uint8Array): Uint8Array {
  let start = Math.max(0, bytes.length - 3);
  const lastNewline = bytes.lastIndexOf(NEWLINE);
  if (lastNewline >= start) start = lastNewline + 1;
  // A continuation byte (10xxxxxx) cannot start a character: skip to the next lead byte.
  while (start < bytes.length && ((bytes[start] ?? 0) & 0xc0) === 0x80) start++;
  return bytes.slice(start);
}

/** 0-based index, among the lines of `bytes`, of the first line that is not valid UTF-8. */
function firstBadLine(bytes: Uint8Array, atEnd: boolean): number {
  let line = 0;
  let start = 0;
  while (start <= bytes.length) {
    const newline = bytes.indexOf(NEWLINE, start);
    const end = newline === -1 ? bytes.length : newline;
    const isLast = newline === -1;
    try {
      // The last piece may end inside a character that the next chunk completes, unless the file ends here.
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start, end), {
        stream: isLast && !atEnd,
      });
    } catch {
      return line;
    }
    if (isLast) break;
    line++;
    start = end + 1;
  }
  return line;
}

function invalidUtf8(line: number): ImportFileError {
  return new ImportFileError(
    'invalid_utf8',
    `Line ${line} is not valid UTF-8 text, so the file cannot be read safely. In Excel choose ` +
      `"Save As" > "CSV UTF-8 (Comma delimited)" (other programs: save with the UTF-8 encoding) and upload it again.`,
  );
}

/**
 * Decodes an upload as UTF-8, yielding text chunk by chunk (memory stays at one chunk); a leading byte-order
 * mark is dropped. Throws `ImportFileError('invalid_utf8')` naming the first line (1-based) with a byte
 * sequence that is not UTF-8, and `ImportFileError('empty_file')` when there are no bytes at all.
 */
export async function* decodeUtf8(source: ByteSource): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let linesBefore = 0;
  let tail: Uint8Array = new Uint8Array(0);
  let sawBytes = false;
  for await (const chunk of source as AsyncIterable<Uint8Array | string> | Iterable<Uint8Array>) {
    const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
    if (bytes.length === 0) continue;
    sawBytes = true;
    let text: string;
    try {
      text = decoder.decode(bytes, { stream: true });
    } catch {
      const withTail = new Uint8Array(tail.length + bytes.length);
      withTail.set(tail);
      withTail.set(bytes, tail.length);
      throw invalidUtf8(linesBefore + firstBadLine(withTail, false) + 1);
    }
    linesBefore += countNewlines(bytes);
    tail = carriedTail(bytes);
    if (text !== '') yield text;
  }
  if (!sawBytes) throw new ImportFileError('empty_file', 'The file is empty.');
  let rest: string;
  try {
    rest = decoder.decode();
  } catch {
    throw invalidUtf8(linesBefore + firstBadLine(tail, true) + 1);
  }
  if (rest !== '') yield rest;
}
