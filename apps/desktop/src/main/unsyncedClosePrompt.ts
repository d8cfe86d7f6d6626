/**
 * What main asks when the window would close (or reload) while changes are not on the sync server
 * (the renderer's beforeunload said so). Nothing is lost by closing: the changes are stored on this
 * device and sent on the next connection; the question is whether colleagues may wait for them.
 */
export const unsyncedClosePrompt = {
  type: 'warning' as const,
  title: 'Changes not on the sync server yet',
  message: 'Some changes are not on the sync server yet.',
  detail:
    'They are saved on this device and will be sent the next time Casefile reaches the server. ' +
    'Until then your colleagues do not see them.',
  buttons: ['Close anyway', 'Keep open'],
  // Enter and Escape keep the window open: closing is the choice that needs a deliberate click.
  defaultId: 1,
  cancelId: 1,
  noLink: true,
};

const CLOSE_ANYWAY = unsyncedClosePrompt.buttons.indexOf('Close anyway');

/** Whether the answer to the prompt (the index of the button chosen) lets the window close. */
export function closesAfterPrompt(response: number): boolean {
  return response === CLOSE_ANYWAY;
}
