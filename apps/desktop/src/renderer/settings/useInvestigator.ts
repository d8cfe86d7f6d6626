import type { Investigator } from '@casefile/model';
import { createContext, useContext } from 'react';

/**
 * Who is working at this installation, as every write to a case records it (`{ by: investigator }`):
 * the installation's stable random id and the name from Settings. Provided once by the app.
 */
export const InvestigatorContext = createContext<Investigator | null>(null);

export function useInvestigator(): Investigator {
  const investigator = useContext(InvestigatorContext);
  if (!investigator) throw new Error('useInvestigator is used outside <InvestigatorContext.Provider>.');
  return investigator;
}
