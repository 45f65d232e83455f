/* biome-ignore-all lint/a11y/useSemanticElements: a virtualized table positions its rows absolutely, which <table> layout does not allow; the ARIA table roles give screen readers the same structure. */
/* biome-ignore-all lint/a11y/useFocusableInteractive: header and loading rows are not interactive; each escrow row is focusable (tabIndex 0). */
import { useVirtualizer } from "@tanstack/react-virtual";
import { type CSSProperties, memo, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { EscrowRowView } from "../../bindings/EscrowRowView";
import type { EscrowSort } from "../../bindings/EscrowSort";
import { Boundary, RowErrorText } from "../../errors/boundary";
import { addMillimes, formatDateTime, formatMoney } from "../../format";
import { useLocale } from "../../format/useLocale";
import { modeLabel, statusLabel } from "./labels";

/** Height of one row in pixels (rows have a fixed height so the virtualizer needs no measuring). */
export const ROW_HEIGHT = 44;

type Column = "created" | "title" | "buyer" | "status" | "mode" | "amount" | "fee" | "net";
const COLUMNS: readonly Column[] = ["created", "title", "buyer", "status", "mode", "amount", "fee", "net"];
/** Columns the book can sort on. */
const SORTABLE: Partial<Record<Column, EscrowSort>> = {
  created: "created",
  title: "title",
  status: "status",
  amount: "amount",
};

interface EscrowTableProps {
  total: number;
  rowAt: (index: number) => EscrowRowView | null;
  ensureRange: (first: number, last: number) => void;
  sort: EscrowSort;
  ascending: boolean;
  onSort: (sort: EscrowSort) => void;
  onOpen: (id: string) => void;
}

/** The escrow table: only the rows in view exist in the page, whatever the book's size. */
export function EscrowTable({ total, rowAt, ensureRange, sort, ascending, onSort, onOpen }: EscrowTableProps) {
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    initialRect: { width: 1000, height: 600 },
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;
  useEffect(() => ensureRange(first, last), [first, last, ensureRange]);

  return (
    <div
      className="escrow-table"
      role="table"
      aria-label={t("escrows.table.label")}
      aria-rowcount={total + 1}
      data-testid="escrow-table"
    >
      <div className="escrow-table__row escrow-table__head" role="row">
        {COLUMNS.map((column) => {
          const key = SORTABLE[column];
          const active = key !== undefined && key === sort;
          return (
            <div
              key={column}
              role="columnheader"
              className={`col col--${column}`}
              aria-sort={active ? (ascending ? "ascending" : "descending") : undefined}
            >
              {key ? (
                <button type="button" className="sort-button" onClick={() => onSort(key)}>
                  {t(`escrows.table.${column}`)}
                  {active ? <span aria-hidden="true">{ascending ? " ▲" : " ▼"}</span> : null}
                </button>
              ) : (
                t(`escrows.table.${column}`)
              )}
            </div>
          );
        })}
      </div>
      <div className="escrow-table__scroller" ref={scroller}>
        <div style={{ blockSize: virtualizer.getTotalSize(), position: "relative" }} role="rowgroup">
          {items.map((item) => {
            const row = rowAt(item.index);
            const style = {
              position: "absolute" as const,
              insetBlockStart: item.start,
              insetInline: 0,
              blockSize: ROW_HEIGHT,
            };
            if (!row) {
              return (
                <div
                  key={item.key}
                  role="row"
                  className="escrow-table__row escrow-table__row--loading"
                  style={style}
                  aria-rowindex={item.index + 2}
                >
                  <div role="cell" className="col">
                    {t("common.loading")}
                  </div>
                </div>
              );
            }
            return (
              <Boundary
                key={`${item.key}-${row.id}`}
                area="escrows.row"
                fallback={() => (
                  <div
                    role="row"
                    className="escrow-table__row escrow-table__row--broken"
                    style={style}
                    aria-rowindex={item.index + 2}
                    data-testid="escrow-row-broken"
                  >
                    <div role="cell" className="col">
                      <RowErrorText />
                    </div>
                  </div>
                )}
              >
                <EscrowTableRow row={row} start={item.start} rowIndex={item.index + 2} onOpen={onOpen} />
              </Boundary>
            );
          })}
        </div>
      </div>
    </div>
  );
}

interface EscrowTableRowProps {
  row: EscrowRowView;
  /** Its offset from the top of the table, in pixels. */
  start: number;
  rowIndex: number;
  onOpen: (id: string) => void;
}

/**
 * One escrow. Its own component, so a row that cannot be drawn fails alone (see Boundary), and
 * memoised on plain values: while the table scrolls, only the rows coming into view are drawn.
 */
const EscrowTableRow = memo(function EscrowTableRow({ row, start, rowIndex, onOpen }: EscrowTableRowProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const cell = (column: Column): string => {
    switch (column) {
      case "created":
        return formatDateTime(row.createdAt, locale);
      case "title":
        return row.title;
      case "buyer":
        return row.buyerEmail ?? t("common.none");
      case "status":
        return statusLabel(t, row.status);
      case "mode":
        return modeLabel(t, row.mode);
      case "amount":
        return formatMoney(row.amountTnd, locale);
      case "fee":
        return formatMoney(addMillimes(row.escrowFee, row.developerFee), locale);
      case "net":
        return formatMoney(row.net, locale);
    }
  };
  const style: CSSProperties = {
    position: "absolute",
    insetBlockStart: start,
    insetInline: 0,
    blockSize: ROW_HEIGHT,
  };
  return (
    <div
      role="row"
      tabIndex={0}
      className="escrow-table__row"
      style={style}
      aria-rowindex={rowIndex}
      data-testid="escrow-row"
      data-escrow-id={row.id}
      onClick={() => onOpen(row.id)}
      onKeyDown={(e) => {
        if (e.key === "Enter" || e.key === " ") onOpen(row.id);
      }}
    >
      {COLUMNS.map((column) => (
        <div key={column} role="cell" className={`col col--${column}`}>
          {cell(column)}
        </div>
      ))}
    </div>
  );
});
