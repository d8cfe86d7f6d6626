import { type RefObject, useEffect, useLayoutEffect, useRef } from 'react';

/**
 * Keeps the keyboard focus in `container` across a re-render that moves it in the page: an event
 * whose date was just changed moves to its new place in the timeline, and the browser drops the
 * focus of a moved element. The last focused element inside is focused again when that happens.
 */
export function useKeepFocusWithin(container: RefObject<HTMLElement | null>): void {
  const last = useRef<HTMLElement | null>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const onFocusIn = (event: FocusEvent) => {
      last.current = event.target instanceof HTMLElement ? event.target : null;
    };
    element.addEventListener('focusin', onFocusIn);
    return () => element.removeEventListener('focusin', onFocusIn);
  }, [container]);

  useLayoutEffect(() => {
    const previous = last.current;
    const active = document.activeElement;
    if (!previous?.isConnected) return;
    if (active === null || active === document.body) previous.focus({ preventScroll: true });
  });
}
