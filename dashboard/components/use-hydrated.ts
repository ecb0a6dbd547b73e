'use client';

import { useSyncExternalStore } from 'react';

const noSubscription = () => () => undefined;

/**
 * False on the server and while React hydrates the page, true once the handlers are attached.
 * Forms submit only through their handlers, so their submit buttons stay disabled until then:
 * a click (or Enter) before hydration would submit the form natively, a GET that reloads the
 * page and puts its fields — a password among them — in the URL.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
