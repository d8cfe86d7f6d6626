import { caseHref } from './hashRoute';

// A case opened right after "New case" gets the focus in its title; the address stays the plain
// #/case/<id>, so the intent travels beside it.
let focusTitleOf: string | null = null;

export function openCase(caseId: string, options: { focusTitle?: boolean } = {}): void {
  focusTitleOf = options.focusTitle ? caseId : null;
  window.location.hash = caseHref(caseId);
}

/** True once for the case just created here; later openings do not steal the focus. */
export function takeFocusTitleIntent(caseId: string): boolean {
  if (focusTitleOf !== caseId) return false;
  focusTitleOf = null;
  return true;
}
