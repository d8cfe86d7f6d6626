import { $createLinkNode, TOGGLE_LINK_COMMAND } from '@lexical/link';
import { $createTextNode, $getSelection, $insertNodes, $isRangeSelection, type LexicalEditor } from 'lexical';
import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { checkLinkUrl } from './linkUrl';

/**
 * Sets, changes or removes the link on the selected text (Ctrl/⌘+K or the Link button). With
 * nothing selected, the address itself is inserted as a link. Escape goes back to the text.
 */
export function LinkForm({
  editor,
  currentUrl,
  onClose,
}: {
  editor: LexicalEditor;
  currentUrl: string | null;
  onClose: () => void;
}) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [address, setAddress] = useState(currentUrl ?? '');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);

  const close = () => {
    onClose();
    editor.focus();
  };

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const check = checkLinkUrl(address);
    if (!check.ok) {
      setError(check.error);
      return;
    }
    editor.update(() => {
      const selection = $getSelection();
      if ($isRangeSelection(selection) && selection.isCollapsed() && currentUrl === null) {
        const link = $createLinkNode(check.url);
        link.append($createTextNode(address.trim()));
        $insertNodes([link]);
      } else {
        editor.dispatchCommand(TOGGLE_LINK_COMMAND, check.url);
      }
    });
    close();
  };

  const remove = () => {
    editor.dispatchCommand(TOGGLE_LINK_COMMAND, null);
    close();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    }
  };

  return (
    <form className="link-form" onSubmit={apply} onKeyDown={onKeyDown} noValidate>
      <label htmlFor={id}>Link address</label>
      <input
        ref={input}
        id={id}
        type="url"
        inputMode="url"
        autoComplete="off"
        placeholder="https://"
        value={address}
        onChange={(event) => {
          setAddress(event.currentTarget.value);
          setError(null);
        }}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      <button type="submit" className="button button--primary">
        Apply
      </button>
      {currentUrl !== null && (
        <button type="button" className="button" onClick={remove}>
          Remove
        </button>
      )}
      <button type="button" className="button" onClick={close}>
        Cancel
      </button>
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
