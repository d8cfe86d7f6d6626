/** Ctrl+Shift+E (Cmd+Shift+E on a Mac) opens the Export dialog from anywhere in the case. */
export function isExportShortcut(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>,
): boolean {
  return (event.ctrlKey || event.metaKey) && event.shiftKey && !event.altKey && event.key.toLowerCase() === 'e';
}
