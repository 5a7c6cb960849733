// JSON uploads read as a stream: the members of chosen top-level arrays (GeoJSON `features`, Overpass
// `elements`) come out one at a time, so memory holds one feature, never the whole document.
import { JSONParser } from '@streamparser/json';
import { ImportFileError } from './rows';

/** One top-level scalar (`key` is its name) or one member of a top-level array (`key` is the array's name). */
export interface JsonMember {
  key: string;
  value: unknown;
}

/**
 * Streams a JSON document, yielding each member of the top-level arrays named in `arrays` and each top-level
 * scalar named in `scalars`, in document order. Throws `ImportFileError('invalid_json')` when the text is
 * not JSON.
 */
export async function* readJsonMembers(
  text: AsyncIterable<string>,
  arrays: readonly string[],
  scalars: readonly string[],
): AsyncGenerator<JsonMember> {
  const parser = new JSONParser({
    paths: [...arrays.map((key) => `$.${key}.*`), ...scalars.map((key) => `$.${key}`)],
    keepStack: false,
  });
  let pending: JsonMember[] = [];
  parser.onValue = ({ value, key, stack }) => {
    const top = stack.length === 1 ? key : stack[1]?.key;
    if (typeof top === 'string') pending.push({ key: top, value });
  };
  const push = (write: () => void): void => {
    try {
      write();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new ImportFileError('invalid_json', `The file is not valid JSON: ${reason}`);
    }
  };
  for await (const chunk of text) {
    push(() => parser.write(chunk));
    const ready = pending;
    pending = [];
    yield* ready;
  }
  // The parser ends by itself when the top-level value closes; end() then only checks nothing is left open.
  if (!parser.isEnded) push(() => parser.end());
  yield* pending;
}
