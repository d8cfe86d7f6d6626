/**
 * Input that the case document refuses; the message says what was wrong and what to do.
 * `field` names the offending field when there is one, so a form can show the message beside it.
 */
export class ValidationError extends Error {
  override name = 'ValidationError';
  readonly field: string | undefined;

  constructor(message: string, options: { field?: string } = {}) {
    super(message);
    this.field = options.field;
  }
}
