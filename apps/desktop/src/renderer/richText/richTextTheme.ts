import type { EditorThemeClasses } from 'lexical';

/** Class names the stylesheet gives Lexical's nodes (styles.css, section "Rich text"). */
export const richTextTheme: EditorThemeClasses = {
  paragraph: 'rt-paragraph',
  quote: 'rt-quote',
  heading: { h1: 'rt-h1', h2: 'rt-h2', h3: 'rt-h3' },
  list: {
    ul: 'rt-ul',
    ol: 'rt-ol',
    listitem: 'rt-listitem',
    nested: { listitem: 'rt-nested-listitem' },
  },
  link: 'rt-link',
  text: {
    bold: 'rt-bold',
    italic: 'rt-italic',
    underline: 'rt-underline',
    strikethrough: 'rt-strikethrough',
    code: 'rt-code',
  },
};
