import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { EscrowPageView } from "../../bindings/EscrowPageView";
import type { EscrowRowView } from "../../bindings/EscrowRowView";
import { escrowsList } from "../../platform";
import { Boundary, RowErrorText } from "../../errors/boundary";
import { ErrorNotice } from "../../errors/ErrorNotice";
import { formatDateTime, formatMoney } from "../../format";
import { useLocale } from "../../format/useLocale";
import { statusLabel } from "../escrows/labels";
import type { DayRange } from "./period";

/** Rows shown on screen; the CSV export has them all. */
export const SHOWN = 200;

/** The period's escrows, newest first. */
export function PeriodEscrows({ range, onOpen }: { range: DayRange; onOpen?: ((id: string) => void) | undefined }) {
  const { t } = useTranslation();
  const [page, setPage] = useState<EscrowPageView | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    setPage(null);
    setError(null);
    escrowsList({
      statuses: [],
      modes: [],
      fromDay: range.fromDay,
      toDay: range.toDay,
      sort: "created",
      ascending: false,
      offset: 0,
      limit: SHOWN,
    })
      .then((p) => live && setPage(p))
      .catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [range.fromDay, range.toDay]);

  if (error !== null) return <ErrorNotice error={error} />;
  if (page === null) return <p className="muted">{t("books.loadingEscrows")}</p>;
  if (page.total === 0) return <p className="muted">{t("books.noEscrows")}</p>;
  return (
    <section data-testid="books-escrows">
      <h2>{t("books.escrowsHeading")}</h2>
      {page.total > page.rows.length ? (
        <p className="muted">{t("books.shownOf", { shown: page.rows.length, total: page.total })}</p>
      ) : null}
      <table className="shop-table">
        <thead>
          <tr>
            <th>{t("books.created")}</th>
            <th>{t("books.title")}</th>
            <th>{t("books.status")}</th>
            <th className="num">{t("books.gross")}</th>
            <th className="num">{t("books.net")}</th>
          </tr>
        </thead>
        <tbody>
          {page.rows.map((row) => (
            <Boundary
              key={row.id}
              area="books.escrows"
              fallback={() => (
                <tr data-testid="books-escrow-broken">
                  <td colSpan={5}>
                    <RowErrorText />
                  </td>
                </tr>
              )}
            >
              <PeriodEscrowRow row={row} onOpen={onOpen} />
            </Boundary>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** One escrow of the period. Its own component, so a row that cannot be drawn fails alone. */
function PeriodEscrowRow({ row, onOpen }: { row: EscrowRowView; onOpen?: ((id: string) => void) | undefined }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <tr>
      <td>{formatDateTime(row.createdAt, locale)}</td>
      <td>
        {onOpen ? (
          <button type="button" className="sort-button" onClick={() => onOpen(row.id)}>
            {row.title}
          </button>
        ) : (
          row.title
        )}
      </td>
      <td>{statusLabel(t, row.status)}</td>
      <td className="num">{formatMoney(row.amountTnd, locale)}</td>
      <td className="num">{formatMoney(row.net, locale)}</td>
    </tr>
  );
}
