import { useCallback, useMemo, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { EscrowSort } from "../../bindings/EscrowSort";
import type { HeldBucket } from "../../bindings/HeldBucket";
import { ErrorNotice } from "../../errors/ErrorNotice";
import { EscrowTable } from "./EscrowTable";
import { type FilterValues, Filters, NO_FILTERS } from "./Filters";
import { type EscrowQuery, useEscrowWindows } from "./useEscrowWindows";

function toQuery(f: FilterValues, sort: EscrowSort, ascending: boolean): EscrowQuery {
  return {
    statuses: f.statuses,
    modes: f.modes,
    sort,
    ascending,
    ...(f.text.trim() ? { text: f.text.trim() } : {}),
    ...(f.role ? { role: f.role } : {}),
    ...(f.fromDay ? { fromDay: f.fromDay } : {}),
    ...(f.toDay ? { toDay: f.toDay } : {}),
    ...(f.amountMin !== null ? { amountMin: f.amountMin } : {}),
    ...(f.amountMax !== null ? { amountMax: f.amountMax } : {}),
    ...(f.held !== null ? { held: f.held } : {}),
  };
}

/** The dashboard's label of each held bucket. */
const HELD_LABEL: Record<HeldBucket, string> = {
  any: "held",
  delivery: "awaitingDelivery",
  buyer: "awaitingBuyer",
  disputed: "disputed",
  cancellation: "cancellationRequested",
  releasingSoon: "releasingSoon",
};

/** The whole local book: filters, search, sort, and a virtualized table. */
export function EscrowsScreen({ onOpen, held = null }: { onOpen: (id: string) => void; held?: HeldBucket | null }) {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<FilterValues>({ ...NO_FILTERS, held });
  const [sort, setSort] = useState<EscrowSort>("created");
  const [ascending, setAscending] = useState(false);
  const query = useMemo(() => toQuery(filters, sort, ascending), [filters, sort, ascending]);
  const { total, error, rowAt, ensureRange, retry, shownFor } = useEscrowWindows(query);

  const onSort = useCallback(
    (next: EscrowSort) => {
      if (next === sort) setAscending((a) => !a);
      else {
        setSort(next);
        setAscending(next === "title"); // text reads A→Z, dates and amounts newest/largest first
      }
    },
    [sort],
  );

  let body: ReactNode;
  if (error !== null && total === null) body = <ErrorNotice error={error} onRetry={retry} />;
  else if (total === null) body = <p className="muted">{t("common.loading")}</p>;
  else if (total === 0)
    body = (
      <p className="muted">
        {JSON.stringify(filters) === JSON.stringify(NO_FILTERS) ? t("escrows.emptyBook") : t("escrows.noMatch")}
      </p>
    );
  else
    body = (
      <>
        <p className="muted" aria-live="polite">
          {t("escrows.count", { count: total })}
        </p>
        {error !== null ? <ErrorNotice error={error} onRetry={retry} /> : null}
        <EscrowTable
          total={total}
          rowAt={rowAt}
          ensureRange={ensureRange}
          sort={sort}
          ascending={ascending}
          onSort={onSort}
          onOpen={onOpen}
        />
      </>
    );
  return (
    // data-rows-for: which filters the drawn rows answer (the real-window benchmark times a filter
    // change until it changes).
    <section className="screen screen--escrows" data-rows-for={shownFor ?? undefined}>
      <h1>{t("escrows.title")}</h1>
      {filters.held !== null ? (
        <p className="held-filter" data-testid="held-filter">
          {t(`dashboard.coming.${HELD_LABEL[filters.held]}`)}{" "}
          <button type="button" className="link" onClick={() => setFilters({ ...filters, held: null })}>
            {t("escrows.filters.showAll")}
          </button>
        </p>
      ) : null}
      <Filters value={filters} onChange={setFilters} />
      {body}
    </section>
  );
}
