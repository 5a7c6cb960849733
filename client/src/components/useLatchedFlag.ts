/** A flag that turns on once and stays on: when its source first turns on, or when a deadline has passed. */
import { useEffect, useState } from 'react';

/** `true` from the first render at which `condition` holds, or once `deadlineMs` have passed since mount; then always. */
export function useLatchedFlag(condition: boolean, deadlineMs: number): boolean {
  const [latched, setLatched] = useState(condition);
  if (condition && !latched) setLatched(true);
  useEffect(() => {
    if (latched) return;
    const timer = window.setTimeout(() => setLatched(true), deadlineMs);
    return () => window.clearTimeout(timer);
  }, [latched, deadlineMs]);
  return latched || condition;
}
