import { createContext, useCallback, useContext } from 'react';
import type { CaseTab } from '../routing/caseTabs';
import { caseHref } from '../routing/hashRoute';

/** The id of the case on screen, for links from one of its tabs to another. */
export const CurrentCaseContext = createContext<string | null>(null);

/** Address of a tab of the case on screen ("add them on the Claims tab"). */
export function useCaseTabHref(): (tab: CaseTab) => string {
  const caseId = useContext(CurrentCaseContext);
  if (caseId === null) throw new Error('useCaseTabHref is used outside <CurrentCaseContext.Provider>.');
  return useCallback((tab: CaseTab) => caseHref(caseId, tab), [caseId]);
}
