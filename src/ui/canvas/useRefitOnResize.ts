import { type RefObject, useEffect } from 'react';

/**
 * Fit the graph again when its box changes size (window resize, a side panel collapsed, story
 * text docked): the whole architecture stays in view. Debounced to one fit per burst of resizes.
 */
export function useRefitOnResize(box: RefObject<HTMLElement | null>, fit: () => void, delayMs = 120) {
  useEffect(() => {
    const el = box.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    let last = { w: el.clientWidth, h: el.clientHeight };
    let timer: number | undefined;
    const ro = new ResizeObserver(() => {
      const now = { w: el.clientWidth, h: el.clientHeight };
      if (Math.abs(now.w - last.w) < 2 && Math.abs(now.h - last.h) < 2) return;
      last = now;
      window.clearTimeout(timer);
      timer = window.setTimeout(fit, delayMs);
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
      window.clearTimeout(timer);
    };
  }, [box, fit, delayMs]);
}
