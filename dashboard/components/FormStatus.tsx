'use client';

import { forwardRef } from 'react';

/**
 * The live region under a form: errors are announced assertively and can take focus;
 * progress and success politely. Always rendered so screen readers notice changes.
 */
export const FormStatus = forwardRef<HTMLDivElement, { error?: string | null; message?: string | null; id?: string }>(function FormStatus(
  { error, message, id },
  ref,
) {
  return (
    <>
      <div ref={ref} id={id} tabIndex={-1} role="alert" aria-live="assertive" className={error ? 'alert alert-error' : 'visually-hidden'}>
        {error ?? ''}
      </div>
      <div role="status" aria-live="polite" className={message ? 'alert alert-ok' : 'visually-hidden'}>
        {message ?? ''}
      </div>
    </>
  );
});

