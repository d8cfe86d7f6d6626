import { $isLinkNode } from '@lexical/link';
import { $isListNode, ListNode } from '@lexical/list';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $isHeadingNode } from '@lexical/rich-text';
import { $findMatchingParent, $getNearestNodeOfType, mergeRegister } from '@lexical/utils';
import {
  $getSelection,
  $isRangeSelection,
  $isRootOrShadowRoot,
  CAN_REDO_COMMAND,
  CAN_UNDO_COMMAND,
  COMMAND_PRIORITY_LOW,
  type LexicalEditor,
} from 'lexical';
import { useEffect, useState } from 'react';

export type BlockKind = 'paragraph' | 'heading' | 'bullet' | 'number' | 'quote' | 'other';

export interface ToolbarState {
  bold: boolean;
  italic: boolean;
  block: BlockKind;
  link: string | null;
  canUndo: boolean;
  canRedo: boolean;
}

const initialState: ToolbarState = {
  bold: false,
  italic: false,
  block: 'paragraph',
  link: null,
  canUndo: false,
  canRedo: false,
};

function $readSelectionState(): Pick<ToolbarState, 'bold' | 'italic' | 'block' | 'link'> | null {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return null;
  const anchor = selection.anchor.getNode();
  const topLevel =
    anchor.getKey() === 'root'
      ? anchor
      : ($findMatchingParent(anchor, (node) => {
          const parent = node.getParent();
          return parent !== null && $isRootOrShadowRoot(parent);
        }) ?? anchor.getTopLevelElement());
  let block: BlockKind = 'other';
  if ($isListNode(topLevel)) {
    const list = $getNearestNodeOfType(anchor, ListNode) ?? topLevel;
    block = list.getListType() === 'number' ? 'number' : list.getListType() === 'bullet' ? 'bullet' : 'other';
  } else if ($isHeadingNode(topLevel)) {
    block = 'heading';
  } else if (topLevel?.getType() === 'paragraph') {
    block = 'paragraph';
  } else if (topLevel?.getType() === 'quote') {
    block = 'quote';
  }
  const linkNode = $findMatchingParent(anchor, $isLinkNode);
  return {
    bold: selection.hasFormat('bold'),
    italic: selection.hasFormat('italic'),
    block,
    link: $isLinkNode(linkNode) ? linkNode.getURL() : null,
  };
}

/**
 * `current` itself when `changes` change nothing: the editor updates on every keystroke, local or
 * a colleague's, and the toolbar should not render again for each.
 */
function withChanges(current: ToolbarState, changes: Partial<ToolbarState>): ToolbarState {
  const keys = Object.keys(changes) as Array<keyof ToolbarState>;
  return keys.every((key) => current[key] === changes[key]) ? current : { ...current, ...changes };
}

/** What the toolbar shows as pressed, and whether undo/redo (the collaboration undo) can act. */
export function useToolbarState(): [ToolbarState, LexicalEditor] {
  const [editor] = useLexicalComposerContext();
  const [state, setState] = useState(initialState);
  useEffect(
    () =>
      mergeRegister(
        editor.registerUpdateListener(({ editorState }) => {
          const next = editorState.read($readSelectionState);
          if (next) setState((current) => withChanges(current, next));
        }),
        editor.registerCommand(
          CAN_UNDO_COMMAND,
          (canUndo) => {
            setState((current) => withChanges(current, { canUndo }));
            return false;
          },
          COMMAND_PRIORITY_LOW,
        ),
        editor.registerCommand(
          CAN_REDO_COMMAND,
          (canRedo) => {
            setState((current) => withChanges(current, { canRedo }));
            return false;
          },
          COMMAND_PRIORITY_LOW,
        ),
      ),
    [editor],
  );
  return [state, editor];
}
