/** How a case is named where a title is shown but none was typed yet. */
export function displayCaseTitle(title: string): string {
  return title.trim() === '' ? 'Untitled case' : title;
}
