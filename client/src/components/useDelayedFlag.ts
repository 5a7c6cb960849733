/** A flag that turns on only after its source has stayed on for a while, so quick answers show no spinner. */
import { useEffect, useState } from 'react';

/** Delay before a loading state is shown, in milliseconds (answers faster than this show no loading state). */
export const LOADING_INDICATOR_DELAY_MS = 500;

/** `true` once `active` has been `true` for `delayMs` milliseconds (default 500); `false` as soon as it turns off. */
export function useDelayedFlag(active: boolean, delayMs = LOADING_INDICATOR_DELAY_MS): boolean {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!active) return;
    const timer = window.setTimeout(() => setShown(true), delayMs);
    return () => {
      window.clearTimeout(timer);
      setShown(false);
    };
  }, [active, delayMs]);
  return active && shown;
}
