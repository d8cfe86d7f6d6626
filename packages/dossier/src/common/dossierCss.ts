import { DOSSIER_MONO, DOSSIER_SANS } from './shippedFonts.js';

/**
 * The dossier's styles, for screen (the HTML export) and print (the PDF). Text is set only in the
 * shipped fonts, never a generic family, so the output does not depend on the fonts of the machine
 * that prints it. Page numbers come from CSS page-margin boxes, which Chromium prints itself, so
 * the PDF renderer needs no header or footer template.
 */
export function dossierCss(fontFaces: string): string {
  return `${fontFaces}
:root{--ink:#1b1f24;--muted:#59626d;--rule:#c9ced6;--accent:#7a1f1f;--panel:#f4f5f7}
*{box-sizing:border-box}
html{font-family:'${DOSSIER_SANS}';font-size:10.5pt;line-height:1.45;color:var(--ink);background:#fff}
body{margin:0 auto;max-width:46em;padding:2em 1.5em}
h1,h2,h3,h4{line-height:1.2;margin:1.2em 0 .4em}
h1{font-size:2em;margin-top:.3em}
h2{font-size:1.45em;border-bottom:1.5pt solid var(--ink);padding-bottom:.15em}
h3{font-size:1.12em}
p{margin:.35em 0}
a{color:inherit}
dl.facts{display:grid;grid-template-columns:11em 1fr;gap:.15em 1em;margin:.5em 0}
dl.facts dt{color:var(--muted)}
dl.facts dd{margin:0;overflow-wrap:anywhere}
blockquote{margin:.5em 0;padding:.4em .9em;border-left:3pt solid var(--rule);background:var(--panel)}
.hash{font-family:'${DOSSIER_MONO}';font-size:8.4pt;white-space:nowrap;letter-spacing:0}
.muted{color:var(--muted)}
.small{font-size:.88em}
.cover{min-height:60vh}
.cover .kicker{text-transform:uppercase;letter-spacing:.12em;color:var(--muted);font-weight:700;font-size:.85em}
.verdict-badge{display:inline-block;border:2pt solid var(--accent);color:var(--accent);font-weight:700;font-size:1.5em;padding:.15em .6em;margin:.4em 0}
.toc ol{list-style:none;padding:0;margin:0}
.toc li{display:flex;gap:.5em;align-items:baseline;margin:.15em 0}
.toc li.sub{padding-left:1.5em;font-size:.92em}
.toc .fill{flex:1;border-bottom:1pt dotted var(--rule)}
.toc .page{min-width:2.5em;text-align:right;font-variant-numeric:tabular-nums}
.item{border-top:1pt solid var(--rule);padding-top:.5em;margin-top:1em}
.file{margin:.6em 0;padding:.5em .7em;background:var(--panel);break-inside:avoid}
.file img{display:block;max-width:100%;max-height:120mm;margin:.5em 0;border:1pt solid var(--rule)}
.grade{font-weight:700}
table{border-collapse:collapse;width:100%;margin:.5em 0}
th,td{text-align:left;vertical-align:top;padding:.3em .4em;border-bottom:1pt solid var(--rule)}
th{color:var(--muted);font-weight:700}
td.date{white-space:nowrap}
.appendix td{padding:.25em .4em}
.tags span{display:inline-block;border:1pt solid var(--rule);border-radius:3pt;padding:0 .35em;margin:0 .25em .2em 0;font-size:.88em}
@page{size:A4;margin:18mm 16mm 20mm;
  @bottom-center{content:"Page " counter(page) " of " counter(pages);font-family:'${DOSSIER_SANS}';font-size:8.5pt;color:#59626d}}
@media print{
  body{max-width:none;padding:0}
  section.chapter,.toc{break-before:page}
  h2,h3{break-after:avoid}
  a{text-decoration:none}
}`;
}
