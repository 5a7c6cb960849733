/**
 * The state of an account form that the dashboard checks before sending (the server checks again): its values, the
 * problems shown once a submit was tried, the failure of the last call, and the focus on the first field marked
 * invalid whenever a submit is refused, here or by the server.
 */
import { useEffect, useState, type RefObject } from 'react';
import { useT } from '../app/StoreContext.ts';
import { fieldProblemText, type FormProblems } from './accountForms.ts';

/** A checked form's state and what changes it. */
export interface CheckedForm<F extends string, V extends Record<F, string>> {
  form: V;
  /** What the last call failed with (`null` when none, or once a field changed). */
  failure: unknown;
  /** The text under a field: its own problem once a submit was tried, else what the server said of it. */
  problemText: (field: F) => string | undefined;
  /** Changes one field; the last call's failure no longer applies. */
  edit: (field: F, value: V[F]) => void;
  /** Starts a submit: whether the form may be sent; when not, the focus goes to its first problem. */
  attempt: () => boolean;
  /** The call failed: its problems are shown and the focus goes to the first field marked invalid. */
  refused: (error: unknown) => void;
  /** Back to the first values, no submit tried. */
  reset: () => void;
}

/** The state of a form starting at `initial`, checked by `check`, its fields inside `container`. */
export function useCheckedForm<F extends string, V extends Record<F, string>>(
  initial: V,
  check: (form: V) => FormProblems<F>,
  container: RefObject<HTMLElement | null>,
): CheckedForm<F, V> {
  const t = useT();
  const [form, setForm] = useState(initial);
  const [attempted, setAttempted] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  // Bumped when a submit is refused, here or by the server: the focus then goes to the first field marked invalid.
  const [focusRequest, setFocusRequest] = useState(0);

  useEffect(() => {
    if (focusRequest > 0) container.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusRequest, container]);

  const problems = attempted ? check(form) : {};
  return {
    form,
    failure,
    problemText: (field) => fieldProblemText(field, problems, failure, t),
    edit: (field, value) => {
      setForm((previous) => ({ ...previous, [field]: value }));
      setFailure(null);
    },
    attempt: () => {
      setAttempted(true);
      if (Object.keys(check(form)).length > 0) {
        setFocusRequest((n) => n + 1);
        return false;
      }
      setFailure(null);
      return true;
    },
    refused: (error) => {
      setFailure(error);
      setFocusRequest((n) => n + 1);
    },
    reset: () => {
      setForm(initial);
      setAttempted(false);
    },
  };
}
