import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { CLEAR_DIFF_VERSIONS_COMMAND__EXPERIMENTAL } from '@lexical/yjs';
import { useEffect } from 'react';

/**
 * The V2 collaboration binding renders content only from Yjs events after it mounts; what the
 * document already held (loaded from this device, or synced before the editor opened) is put
 * into the editor by this command. Rendered after CollaborationPluginV2__EXPERIMENTAL, so its
 * effect runs once the plugin has registered the command.
 */
export function LoadExistingContentPlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    editor.dispatchCommand(CLEAR_DIFF_VERSIONS_COMMAND__EXPERIMENTAL, undefined);
  }, [editor]);
  return null;
}
