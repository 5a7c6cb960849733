/** Loads one API resource for a component, again whenever its key changes, cancelling answers nobody waits for. */
import { useEffect, useState } from 'react';

/** A resource being loaded, there, or failed; `idle` while there is nothing to load (`key` is `null`). */
export type ApiResource<T> =
  | { readonly status: 'idle' }
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly data: T }
  | { readonly status: 'failed'; readonly error: unknown };

/** The resource `load` gives for `key` (anything identifying the request); nothing is loaded while `key` is `null`. */
export function useApiResource<T>(
  key: string | null,
  load: (signal: AbortSignal) => Promise<T>,
): ApiResource<T> {
  const [resource, setResource] = useState<{ key: string | null; value: ApiResource<T> }>({
    key: null,
    value: { status: 'idle' },
  });
  useEffect(() => {
    if (key === null) return;
    const abort = new AbortController();
    load(abort.signal).then(
      (data) => {
        if (!abort.signal.aborted) setResource({ key, value: { status: 'ready', data } });
      },
      (error: unknown) => {
        if (!abort.signal.aborted) setResource({ key, value: { status: 'failed', error } });
      },
    );
    return () => abort.abort();
    // `load` is a fresh closure on every render; `key` names everything it depends on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  if (key === null) return { status: 'idle' };
  return resource.key === key ? resource.value : { status: 'loading' };
}
