// An upload sent as the raw request body (not multipart), streamed to a temporary file so memory stays bounded
// however large the file; a body over the limit is refused with 413 as soon as it passes the limit.
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { ApiError } from './errors';

/** A request body saved to a temporary file; `remove()` deletes the file and its folder. */
export interface SavedUpload {
  path: string;
  bytes: number;
  remove(): Promise<void>;
}

/** The 413 of a body over `maxBytes`, in megabytes. */
function tooLarge(maxBytes: number): ApiError {
  const mb = Math.round(maxBytes / (1024 * 1024));
  return new ApiError(
    413,
    'payload_too_large',
    `The file is larger than ${mb} MB; split it into smaller files and import them one by one.`,
  );
}

/**
 * Streams the body of `request` into a new temporary file, refusing one with no body (400) or over `maxBytes`
 * (413, by its Content-Length before reading, else once that many bytes have arrived). Nothing is left behind
 * when it throws.
 */
export async function saveUpload(request: Request, maxBytes: number): Promise<SavedUpload> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body || declared === 0) {
    throw new ApiError(400, 'empty_body', 'The request body is empty: send the file itself as the body.');
  }
  const folder = await mkdtemp(path.join(os.tmpdir(), 'titik-rawan-upload-'));
  const remove = () => rm(folder, { recursive: true, force: true });
  const file = path.join(folder, 'upload');
  let bytes = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done(bytes > maxBytes ? tooLarge(maxBytes) : null, chunk);
    },
  });
  try {
    await pipeline(
      Readable.fromWeb(request.body as WebReadableStream<Uint8Array>),
      limit,
      createWriteStream(file),
    );
  } catch (error) {
    await remove();
    throw error;
  }
  if (bytes === 0) {
    await remove();
    throw new ApiError(400, 'empty_body', 'The request body is empty: send the file itself as the body.');
  }
  return { path: file, bytes, remove };
}
