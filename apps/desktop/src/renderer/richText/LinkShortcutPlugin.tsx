import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { COMMAND_PRIORITY_NORMAL, KEY_DOWN_COMMAND } from 'lexical';
import { useEffect } from 'react';

/** Ctrl+K (⌘K on a Mac) opens the link form; Bold and Italic shortcuts are Lexical's own. */
export function LinkShortcutPlugin({ onLink }: { onLink: () => void }) {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      editor.registerCommand(
        KEY_DOWN_COMMAND,
        (event) => {
          const isModifier = event.ctrlKey || event.metaKey;
          if (!isModifier || event.altKey || event.shiftKey || event.key.toLowerCase() !== 'k') return false;
          event.preventDefault();
          onLink();
          return true;
        },
        COMMAND_PRIORITY_NORMAL,
      ),
    [editor, onLink],
  );
  return null;
}
