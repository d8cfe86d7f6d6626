import type { AccessTokenClaims, LocalUser } from '@casefile/sync';
import { createContext, useContext } from 'react';
import type { CasefileServices } from './startCasefile';

export interface CasefileContextValue extends CasefileServices {
  /** Stores the name and colour and shows them to collaborators from now on. */
  saveLocalUser(user: LocalUser): Promise<void>;
  /**
   * Desktop only: stores the server (and the invitation's token for it), reconnects every room to
   * it and shares the local cases with it.
   */
  saveServerUrl(serverUrl: string | null, invitationToken?: string): Promise<{ sharing: Promise<void> }>;
  /** Keeps an invitation's token for the current server and reconnects every room with it. */
  acceptInvitation(token: string): Promise<AccessTokenClaims>;
}

export const CasefileContext = createContext<CasefileContextValue | null>(null);

export function useCasefile(): CasefileContextValue {
  const value = useContext(CasefileContext);
  if (!value) throw new Error('useCasefile is used outside <CasefileContext.Provider>.');
  return value;
}
