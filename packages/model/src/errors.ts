/** Input that the case document refuses; the message says what was wrong and what to do. */
export class ValidationError extends Error {
  override name = 'ValidationError';
}
