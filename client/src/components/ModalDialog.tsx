/**
 * The shell of the dashboard's modal dialogs: a `<dialog>` shown modally as it mounts (and closed as it unmounts),
 * named by its heading, with the heading, an optional intro and the content in one body, a form when it submits.
 */
import { useEffect, useId, useRef, type FormEvent, type ReactNode, type RefObject } from 'react';

/** Props of a modal dialog. */
export interface ModalDialogProps {
  /** The heading, which also names the dialog. */
  title: ReactNode;
  /** The paragraph under the heading, if any. */
  intro?: ReactNode;
  /** Called when the dialog closes (its own close button, Escape, or `close()` on the element). */
  onClose: () => void;
  /** A wide dialog, for tables and long forms. */
  wide?: boolean;
  /** Class names of the body besides `dialog__form`. */
  className?: string;
  /** The dialog's `data-testid`. */
  testId?: string;
  /** The dialog element, for a close button or a focus inside it; the shell keeps its own when none is given. */
  dialogRef?: RefObject<HTMLDialogElement | null>;
  /** Makes the body a form that submits here. */
  onSubmit?: (event: FormEvent<HTMLFormElement>) => void;
  /** The form's `noValidate` (only with `onSubmit`). */
  noValidate?: boolean;
  children?: ReactNode;
}

/** A modal dialog: shown on mount, closed on unmount, its heading and intro above the content. */
export function ModalDialog({
  title,
  intro,
  onClose,
  wide = false,
  className,
  testId,
  dialogRef,
  onSubmit,
  noValidate,
  children,
}: ModalDialogProps) {
  const ownRef = useRef<HTMLDialogElement>(null);
  const ref = dialogRef ?? ownRef;
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, [ref]);

  const bodyClass = className ? `dialog__form ${className}` : 'dialog__form';
  const body = (
    <>
      <h2 id={titleId} className="dialog__title">
        {title}
      </h2>
      {intro !== undefined && <p className="dialog__intro">{intro}</p>}
      {children}
    </>
  );
  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog dialog--wide' : 'dialog'}
      aria-labelledby={titleId}
      onClose={onClose}
      data-testid={testId}
    >
      {onSubmit ? (
        <form className={bodyClass} onSubmit={onSubmit} noValidate={noValidate}>
          {body}
        </form>
      ) : (
        <div className={bodyClass}>{body}</div>
      )}
    </dialog>
  );
}
