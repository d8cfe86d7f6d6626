import type { AccessRole } from '@casefile/sync';
import { createContext, useContext } from 'react';
import { useCasefile } from '../app/CasefileContext';

/**
 * Read-only mode: a viewer's case view. The server drops a viewer's updates anyway; the app says
 * so up front and disables every control (one disabled fieldset; editors read this context).
 */
export const ReadOnlyContext = createContext(false);

export function useReadOnly(): boolean {
  return useContext(ReadOnlyContext);
}

/** The role this device's invitation gives for the case, or null (no server, or no token for it). */
export function useCaseRole(caseId: string): AccessRole | null {
  const { accessTokens, serverUrl } = useCasefile();
  return accessTokens.forRoom(serverUrl, caseId)?.role ?? null;
}
