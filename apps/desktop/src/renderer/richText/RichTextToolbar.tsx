import { INSERT_ORDERED_LIST_COMMAND, INSERT_UNORDERED_LIST_COMMAND, REMOVE_LIST_COMMAND } from '@lexical/list';
import { $createHeadingNode } from '@lexical/rich-text';
import { $setBlocksType } from '@lexical/selection';
import { IS_APPLE } from '@lexical/utils';
import {
  $createParagraphNode,
  $getSelection,
  $isRangeSelection,
  FORMAT_TEXT_COMMAND,
  type LexicalEditor,
  REDO_COMMAND,
  UNDO_COMMAND,
} from 'lexical';
import { type KeyboardEvent, type ReactNode, useRef, useState } from 'react';
import type { ToolbarState } from './useToolbarState';

const mod = IS_APPLE ? '⌘' : 'Ctrl+';
const modKeys = IS_APPLE ? 'Meta' : 'Control';

interface ToolButton {
  name: string;
  glyph: ReactNode;
  shortcut?: string;
  keys?: string;
  pressed?: boolean;
  disabled?: boolean;
  run: () => void;
}

/**
 * Formatting for one rich-text field. A WAI-ARIA toolbar: one Tab stop, arrow keys move between
 * buttons. Undo and redo act on this person's own edits only (the collaboration undo manager),
 * never on a colleague's.
 */
export function RichTextToolbar({
  label,
  state,
  editor,
  onLink,
}: {
  label: string;
  state: ToolbarState;
  editor: LexicalEditor;
  onLink: () => void;
}) {
  const [active, setActive] = useState(0);
  const buttons = useRef<Array<HTMLButtonElement | null>>([]);

  const toggleHeading = () =>
    editor.update(() => {
      const selection = $getSelection();
      if (!$isRangeSelection(selection)) return;
      $setBlocksType(selection, () => (state.block === 'heading' ? $createParagraphNode() : $createHeadingNode('h2')));
    });

  const tools: ToolButton[] = [
    {
      name: 'Bold',
      glyph: <b>B</b>,
      shortcut: `${mod}B`,
      keys: `${modKeys}+B`,
      pressed: state.bold,
      run: () => editor.dispatchCommand(FORMAT_TEXT_COMMAND, 'bold'),
    },
    {
      name: 'Italic',
      glyph: <i>I</i>,
      shortcut: `${mod}I`,
      keys: `${modKeys}+I`,
      pressed: state.italic,
      run: () => editor.dispatchCommand(FORMAT_TEXT_COMMAND, 'italic'),
    },
    { name: 'Heading', glyph: 'H', pressed: state.block === 'heading', run: toggleHeading },
    {
      name: 'Bulleted list',
      glyph: '•',
      pressed: state.block === 'bullet',
      run: () =>
        editor.dispatchCommand(
          state.block === 'bullet' ? REMOVE_LIST_COMMAND : INSERT_UNORDERED_LIST_COMMAND,
          undefined,
        ),
    },
    {
      name: 'Numbered list',
      glyph: '1.',
      pressed: state.block === 'number',
      run: () =>
        editor.dispatchCommand(state.block === 'number' ? REMOVE_LIST_COMMAND : INSERT_ORDERED_LIST_COMMAND, undefined),
    },
    {
      name: 'Link',
      glyph: <span className="toolbar__link-glyph">Link</span>,
      shortcut: `${mod}K`,
      keys: `${modKeys}+K`,
      pressed: state.link !== null,
      run: onLink,
    },
    {
      name: 'Undo',
      glyph: '↶',
      shortcut: `${mod}Z`,
      keys: `${modKeys}+Z`,
      disabled: !state.canUndo,
      run: () => editor.dispatchCommand(UNDO_COMMAND, undefined),
    },
    {
      name: 'Redo',
      glyph: '↷',
      shortcut: IS_APPLE ? '⇧⌘Z' : 'Ctrl+Y',
      keys: IS_APPLE ? 'Shift+Meta+Z' : 'Control+Y',
      disabled: !state.canRedo,
      run: () => editor.dispatchCommand(REDO_COMMAND, undefined),
    },
  ];

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1 };
    let next: number | null = null;
    if (event.key in moves) next = (active + (moves[event.key] ?? 0) + tools.length) % tools.length;
    if (event.key === 'Home') next = 0;
    if (event.key === 'End') next = tools.length - 1;
    if (next === null) return;
    event.preventDefault();
    setActive(next);
    buttons.current[next]?.focus();
  };

  return (
    <div className="toolbar" role="toolbar" aria-label={`${label} formatting`} onKeyDown={onKeyDown}>
      {tools.map((tool, index) => (
        <button
          key={tool.name}
          ref={(element) => {
            buttons.current[index] = element;
          }}
          type="button"
          className="toolbar__button"
          aria-label={tool.name}
          aria-pressed={tool.pressed === undefined ? undefined : tool.pressed}
          aria-keyshortcuts={tool.keys}
          title={tool.shortcut ? `${tool.name} (${tool.shortcut})` : tool.name}
          tabIndex={index === active ? 0 : -1}
          disabled={tool.disabled}
          // Keep the editor's selection: a toolbar click must not move the focus out of the text first.
          onMouseDown={(event) => event.preventDefault()}
          onFocus={() => setActive(index)}
          onClick={tool.run}
        >
          {tool.glyph}
        </button>
      ))}
    </div>
  );
}
