/**
 * A capture that could not be made. The message says what happened and what to do; it reaches the
 * renderer's rejected promise through the bridge. Whenever it is thrown, the capture window is
 * gone and nothing was kept.
 */
export class WebCaptureError extends Error {
  override name = 'WebCaptureError';
}
