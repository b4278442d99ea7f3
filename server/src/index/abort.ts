// One 'abort' listener per AbortSignal, fanned out to every subscriber. A document's index phase
// shares one signal among dozens of concurrent requests; each adding its own listener went past
// Node's limit of ten and printed MaxListenersExceededWarning into the editor log (issue 8 §7).
// Subscribers unsubscribe when their work settles, and the listener goes when the last one does.
const subscribers = new WeakMap<AbortSignal, { set: Set<() => void>; listener: () => void }>();

/**
 * Calls `fn` once when `signal` aborts (at once if it already has); returns the unsubscribe
 * function, which callers must call when their work is done.
 */
export function onAbort(signal: AbortSignal, fn: () => void): () => void {
  if (signal.aborted) {
    fn();
    return () => undefined;
  }
  let entry = subscribers.get(signal);
  if (!entry) {
    const set = new Set<() => void>();
    const listener = (): void => {
      subscribers.delete(signal);
      for (const f of [...set]) f();
      set.clear();
    };
    entry = { set, listener };
    subscribers.set(signal, entry);
    signal.addEventListener('abort', listener, { once: true });
  }
  const e = entry;
  // A fresh wrapper per call: the same function subscribed twice must be unsubscribed twice.
  const once = (): void => fn();
  e.set.add(once);
  return () => {
    if (!e.set.delete(once) || e.set.size > 0) return;
    signal.removeEventListener('abort', e.listener);
    if (subscribers.get(signal) === e) subscribers.delete(signal);
  };
}
