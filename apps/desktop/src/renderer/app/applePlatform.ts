/**
 * Whether shortcuts are spelt with ⌘ (macOS, iOS), as Lexical's `IS_APPLE` decides. Kept here so that
 * the app header does not import Lexical: the editor is loaded with the case view, not at start.
 */
export const IS_APPLE = typeof navigator !== 'undefined' && /Mac|iPod|iPhone|iPad/.test(navigator.platform);
