import { useCallback, useRef, useSyncExternalStore } from 'react';

/**
 * What a view needs from a process: the handles of `@yishi/core/engine` (`engine.process(id)`)
 * fit, and so does any wrapper a portal writes. `getSnapshot` must return the same object until
 * something changes, as the engine's handles do.
 */
export interface ProcessSource<S> {
  getSnapshot(): S;
  subscribe(listener: (snapshot: S) => void): () => void;
}

/**
 * The process's current snapshot; the component re-renders after every accepted event. Thin by
 * design (STYLE: adapters stay thin): all state lives in the engine.
 */
export function useProcessSnapshot<S>(process: ProcessSource<S>): S {
  const subscribe = useCallback((onChange: () => void) => process.subscribe(() => onChange()), [process]);
  const get = () => process.getSnapshot();
  return useSyncExternalStore(subscribe, get, get);
}

/**
 * A value derived from the snapshot; the component re-renders only when it changes (by `isEqual`,
 * `Object.is` by default) — e.g. a project's stage, or a consultation's count.
 */
export function useProcessSelector<S, T>(
  process: ProcessSource<S>,
  selector: (snapshot: S) => T,
  isEqual: (a: T, b: T) => boolean = Object.is,
): T {
  const last = useRef<{ snapshot: S; selector: (snapshot: S) => T; value: T } | null>(null);
  const subscribe = useCallback((onChange: () => void) => process.subscribe(() => onChange()), [process]);
  const select = () => {
    const snapshot = process.getSnapshot();
    const prev = last.current;
    if (prev && prev.snapshot === snapshot && prev.selector === selector) return prev.value;
    const next = selector(snapshot);
    const value = prev && isEqual(prev.value, next) ? prev.value : next;
    last.current = { snapshot, selector, value };
    return value;
  };
  return useSyncExternalStore(subscribe, select, select);
}
