import { useCallback, useEffect, useRef, useState } from "react";
import type { EscrowListRequest } from "../../bindings/EscrowListRequest";
import type { EscrowRowView } from "../../bindings/EscrowRowView";
import { escrowsList } from "../../platform";

/** Rows fetched per request: the table never asks for the whole book. */
export const WINDOW_SIZE = 200;
/** Windows kept in memory (the farthest from the one in view are dropped first). */
export const MAX_WINDOWS = 20;

/** Filters and sort of the table; the hook adds offset and limit. */
export type EscrowQuery = Omit<EscrowListRequest, "offset" | "limit">;

/**
 * The escrow table's data: rows fetched window by window (`WINDOW_SIZE` at a time) as the
 * visible range moves, and forgotten when the query changes.
 */
export function useEscrowWindows(query: EscrowQuery) {
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  /** The query (by value) whose rows are drawn; `null` while a new query's first rows load. */
  const [shownFor, setShownFor] = useState<string | null>(null);
  const [, setVersion] = useState(0);
  const windows = useRef(new Map<number, EscrowRowView[]>());
  const pending = useRef(new Set<number>());
  const generation = useRef(0);
  const queryRef = useRef(query);
  queryRef.current = query;

  const fetchWindow = useCallback((index: number) => {
    if (windows.current.has(index) || pending.current.has(index)) return;
    const gen = generation.current;
    pending.current.add(index);
    escrowsList({ ...queryRef.current, offset: index * WINDOW_SIZE, limit: WINDOW_SIZE })
      .then((page) => {
        if (gen !== generation.current) return; // answer to an older query
        windows.current.set(index, page.rows);
        evictFarFrom(windows.current, index);
        setTotal(page.total);
        setShownFor(JSON.stringify(queryRef.current));
        setError(null);
        setVersion((v) => v + 1);
      })
      .catch((e: unknown) => {
        if (gen === generation.current) setError(e);
      })
      .finally(() => {
        if (gen === generation.current) pending.current.delete(index);
      });
  }, []);

  const key = JSON.stringify(query);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is the query by value; a new object with the same filters must not reload.
  useEffect(() => {
    generation.current += 1;
    windows.current = new Map();
    pending.current = new Set();
    setTotal(null);
    setShownFor(null);
    setError(null);
    fetchWindow(0);
  }, [key, fetchWindow]);

  /** Makes sure rows `first..last` (inclusive) are loaded or on their way. */
  const ensureRange = useCallback(
    (first: number, last: number) => {
      if (last < first) return;
      for (let w = Math.floor(first / WINDOW_SIZE); w <= Math.floor(last / WINDOW_SIZE); w += 1) fetchWindow(w);
    },
    [fetchWindow],
  );

  /** The row at `index`, or `null` while its window loads. */
  const rowAt = (index: number): EscrowRowView | null =>
    windows.current.get(Math.floor(index / WINDOW_SIZE))?.[index % WINDOW_SIZE] ?? null;

  const retry = useCallback(() => {
    setError(null);
    pending.current.clear();
    fetchWindow(0);
  }, [fetchWindow]);

  return { total, error, rowAt, ensureRange, retry, shownFor };
}

function evictFarFrom(windows: Map<number, EscrowRowView[]>, near: number): void {
  while (windows.size > MAX_WINDOWS) {
    let farthest = near;
    for (const w of windows.keys()) if (Math.abs(w - near) > Math.abs(farthest - near)) farthest = w;
    windows.delete(farthest);
  }
}
