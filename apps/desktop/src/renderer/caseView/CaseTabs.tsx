import { type KeyboardEvent, useRef } from 'react';
import { CASE_TAB_LABELS, CASE_TABS, type CaseTab } from '../routing/caseTabs';
import { caseHref } from '../routing/hashRoute';

export function tabId(tab: CaseTab): string {
  return `case-tab-${tab}`;
}

export function tabPanelId(tab: CaseTab): string {
  return `case-panel-${tab}`;
}

/**
 * The parts of the case as a WAI-ARIA tablist: one Tab stop, Left/Right (and Home/End) move
 * between tabs and open them. The open tab is in the address (#/case/<id>/<tab>), so a link can
 * point at it and Back returns to the tab before.
 */
export function CaseTabs({
  caseId,
  current,
  counts,
}: {
  caseId: string;
  current: CaseTab;
  /** Shown beside a tab's name, outside its accessible name (a screen reader hears "Claims"). */
  counts: Partial<Record<CaseTab, number>>;
}) {
  const buttons = useRef(new Map<CaseTab, HTMLButtonElement>());

  const open = (tab: CaseTab) => {
    if (tab !== current) window.location.hash = caseHref(caseId, tab);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = CASE_TABS.indexOf(current);
    const moves: Record<string, number> = {
      ArrowRight: (index + 1) % CASE_TABS.length,
      ArrowLeft: (index - 1 + CASE_TABS.length) % CASE_TABS.length,
      Home: 0,
      End: CASE_TABS.length - 1,
    };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const tab = CASE_TABS[next];
    if (!tab) return;
    open(tab);
    buttons.current.get(tab)?.focus();
  };

  return (
    <div className="case-tabs" role="tablist" aria-label="Parts of the case" onKeyDown={onKeyDown}>
      {CASE_TABS.map((tab) => {
        const selected = tab === current;
        const count = counts[tab];
        return (
          <button
            key={tab}
            ref={(element) => {
              if (element) buttons.current.set(tab, element);
              else buttons.current.delete(tab);
            }}
            id={tabId(tab)}
            type="button"
            role="tab"
            className="case-tabs__tab"
            aria-selected={selected}
            aria-controls={tabPanelId(tab)}
            tabIndex={selected ? 0 : -1}
            onClick={() => open(tab)}
          >
            {CASE_TAB_LABELS[tab]}
            {count !== undefined && count > 0 && (
              <span className="case-tabs__count" aria-hidden="true">
                {count}
              </span>
            )}
          </button>
        );
      })}
    </div>
  );
}
