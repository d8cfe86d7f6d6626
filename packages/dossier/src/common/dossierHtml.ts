import {
  CREDIBILITY_LABELS,
  type Credibility,
  formatPreciseDate,
  RELIABILITY_LABELS,
  type Reliability,
} from '@casefile/model';
import type { DossierCase, DossierEvidence, DossierEvidenceFile, RichText } from './caseJson.js';
import { toDataUrl } from './dataUrl.js';
import { dossierCss } from './dossierCss.js';
import type { PreparedFile, PreparedFiles } from './evidenceFiles.js';
import { escapeHtml as esc } from './htmlText.js';
import { fontFaceCss, type LoadedFont } from './shippedFonts.js';

export interface DossierHtmlOptions {
  fonts: readonly LoadedFont[];
  /** Evidence files, read and re-encoded (see prepareEvidenceFiles); images are embedded from here. */
  files: PreparedFiles;
  /** Page of each table-of-contents entry (by anchor id), once a first PDF pass has found them. */
  tocPages?: ReadonlyMap<string, number>;
  /**
   * The PDF's draft: the same layout with every box invisible except the contents' link targets,
   * so printing it lays out the same pages (and writes their named destinations) with nearly
   * nothing to paint. `visibility` never moves a box. Not for reading.
   */
  draft?: boolean;
}

/**
 * A draft's images: a 1x1 transparent GIF. An image's box takes its size from its width and
 * height attributes and the CSS, never from its bytes, so the draft lays out the same pages
 * without decoding (or carrying) the evidence images.
 */
const DRAFT_IMAGE = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';

/** Hides everything but the boxes the contents link to (see DossierHtmlOptions.draft). */
const DRAFT_CSS =
  'body *{visibility:hidden!important}[id]{visibility:visible!important}[id] *{visibility:hidden!important}';

interface TocEntry {
  id: string;
  label: string;
  sub?: boolean;
}

/** Evidence is referred to as E1, E2… in capture order, in every section and the appendix. */
function evidenceNumbers(dossier: DossierCase): Map<string, string> {
  return new Map(dossier.evidence.map((item, index) => [item.id, `E${index + 1}`]));
}

function formatInstant(iso: string | null): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return esc(iso);
  const text = new Intl.DateTimeFormat('en-GB', {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: 'UTC',
  }).format(date);
  return `${esc(text)} UTC`;
}

function formatBytes(size: number): string {
  if (size < 1024) return `${size} bytes`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KiB`;
  return `${(size / (1024 * 1024)).toFixed(1)} MiB`;
}

/** A web address as a link, only for http(s): a dossier never carries a javascript: or file: link. */
function webAddress(url: string): string {
  if (url === '') return '—';
  return /^https?:\/\//i.test(url) ? `<a href="${esc(url)}">${esc(url)}</a>` : esc(url);
}

function facts(rows: Array<[string, string | null]>): string {
  const shown = rows.filter(([, value]) => value !== null && value !== '');
  if (shown.length === 0) return '';
  return `<dl class="facts">${shown.map(([label, value]) => `<dt>${esc(label)}</dt><dd>${value}</dd>`).join('')}</dl>`;
}

function richText(text: RichText): string {
  if (text.blocks.length === 0) return '<p class="muted">None written.</p>';
  return text.blocks
    .map((block) => {
      switch (block.type) {
        case 'heading': {
          // Headings inside a field sit below the dossier's own section headings.
          const level = Math.min(6, Math.max(3, block.level + 1));
          return `<h${level}>${esc(block.text)}</h${level}>`;
        }
        case 'quote':
          return `<blockquote>${esc(block.text)}</blockquote>`;
        case 'list': {
          const tag = block.ordered ? 'ol' : 'ul';
          return `<${tag}>${block.items.map((item) => `<li>${esc(item)}</li>`).join('')}</${tag}>`;
        }
        default:
          return `<p>${esc(block.text)}</p>`;
      }
    })
    .join('\n');
}

function grading(item: DossierEvidence): string | null {
  if (item.reliability === null && item.credibility === null) return null;
  const code = `${item.reliability ?? '–'}${item.credibility ?? '–'}`;
  const parts = [
    item.reliability === null ? 'reliability not graded' : RELIABILITY_LABELS[item.reliability as Reliability],
    item.credibility === null ? 'credibility not graded' : CREDIBILITY_LABELS[item.credibility as Credibility],
  ];
  return `<span class="grade">${esc(code)}</span> — ${esc(parts.join('; '))}`;
}

function fileBlock(file: DossierEvidenceFile, prepared: PreparedFile | undefined, draft: boolean): string {
  const rows: Array<[string, string | null]> = [
    ['File', esc(file.name || '(unnamed)')],
    ['Role', esc(file.role)],
    ['Type', esc(file.mime)],
    ['Size', esc(formatBytes(file.size))],
    ['SHA-256', `<span class="hash">${file.sha256}</span>`],
  ];
  let body = '';
  if (!prepared || prepared.original === null) {
    body = '<p class="muted small">The exporter did not have this file’s bytes; only its record is shown.</p>';
  } else if (prepared.derived) {
    const image = prepared.derived;
    rows.push(['Shown copy', `<span class="hash">${image.sha256}</span>`]);
    body =
      `<img src="${draft ? DRAFT_IMAGE : toDataUrl(image.mime, image.bytes)}" alt="${esc(file.name || 'Evidence image')}" width="${image.width}" height="${image.height}">` +
      '<p class="muted small">Shown re-encoded without metadata (location, camera, dates); the SHA-256 above is the original’s, “shown copy” is this image’s.</p>';
  } else if (prepared.imageProblem) {
    body = `<p class="muted small">${esc(prepared.imageProblem)}</p>`;
  }
  return `<div class="file">${facts(rows)}${body}</div>`;
}

function namesOf(ids: string[], names: Map<string, string>): string | null {
  const found = ids.flatMap((id) => names.get(id) ?? []);
  return found.length === 0 ? null : found.map(esc).join('; ');
}

function tocHtml(entries: TocEntry[], pages: ReadonlyMap<string, number> | undefined): string {
  const rows = entries.map((entry) => {
    const page = pages?.get(entry.id);
    return `<li${entry.sub ? ' class="sub"' : ''}><a href="#${entry.id}">${esc(entry.label)}</a><span class="fill"></span><span class="page">${page ?? ''}</span></li>`;
  });
  return `<nav class="toc chapter-start" aria-label="Contents"><h2>Contents</h2><ol>${rows.join('')}</ol></nav>`;
}

/**
 * The dossier as one self-contained HTML document: fonts and images are data: URLs and a
 * Content-Security-Policy forbids scripts and every network request, so the file opens anywhere,
 * offline, and shows exactly what was exported. The PDF is this document printed by Chromium.
 */
export function renderDossierHtml(dossier: DossierCase, options: DossierHtmlOptions): string {
  const { files } = options;
  const numbers = evidenceNumbers(dossier);
  const claimTexts = new Map(dossier.claims.map((claim, index) => [claim.id, `Claim ${index + 1}`]));
  const actorNames = new Map(dossier.actors.map((actor) => [actor.id, actor.name]));
  const eventTitles = new Map(dossier.events.map((event) => [event.id, event.title]));
  const evidenceRefs = new Map(
    dossier.evidence.map((item) => [item.id, `${numbers.get(item.id)} ${item.title || item.kind}`]),
  );
  const { case: meta, verdict } = dossier;
  const title = meta.title.trim() === '' ? 'Untitled case' : meta.title;

  const toc: TocEntry[] = [
    { id: 'claims', label: 'Claims' },
    { id: 'verdict', label: 'Verdict' },
    { id: 'timeline', label: 'Timeline' },
    { id: 'actors', label: 'Actors' },
    { id: 'evidence', label: 'Evidence' },
    ...dossier.evidence.map((item) => ({
      id: `evidence-${numbers.get(item.id)}`,
      label: evidenceRefs.get(item.id) ?? '',
      sub: true,
    })),
    { id: 'notes', label: 'Notes' },
    { id: 'hashes', label: 'Appendix: every SHA-256' },
  ];

  const cover = `<header class="cover">
<p class="kicker">Casefile dossier</p>
<h1>${esc(title)}</h1>
<p><span class="verdict-badge">Verdict: ${esc(verdict.label ?? 'not rated')}</span></p>
${facts([
  ['Verdict state', esc(verdict.state)],
  [
    'Approved',
    verdict.approvedAt ? `${formatInstant(verdict.approvedAt)} by ${esc(verdict.approvedBy?.name ?? '')}` : null,
  ],
  ['Case status', esc(meta.status)],
  ['Case opened', formatInstant(meta.createdAt)],
  ['Last changed', formatInstant(meta.updatedAt)],
  ['Exported', formatInstant(dossier.exportedAt)],
  ['Team', dossier.team.length === 0 ? '—' : dossier.team.map((who) => esc(who.name)).join(', ')],
  ['Case id', `<span class="hash">${esc(meta.id)}</span>`],
])}
${meta.summary === '' ? '' : `<h3>Summary</h3><p>${esc(meta.summary)}</p>`}
</header>`;

  const claims = `<section class="chapter" id="claims"><h2>Claims</h2>${
    dossier.claims.length === 0
      ? '<p class="muted">No claim recorded.</p>'
      : dossier.claims
          .map(
            (claim, index) =>
              `<div class="item"><h3>Claim ${index + 1}</h3><blockquote>${esc(claim.text)}</blockquote>${facts([
                ['Claimant', esc(claim.claimant)],
                ['Platform', esc(claim.platform)],
                ['First seen', claim.firstSeen ? esc(formatPreciseDate(claim.firstSeen)) : null],
                ['Address', claim.url === '' ? null : webAddress(claim.url)],
              ])}</div>`,
          )
          .join('')
  }</section>`;

  const verdictSection = `<section class="chapter" id="verdict"><h2>Verdict</h2>
<p><span class="verdict-badge">${esc(verdict.label ?? 'Not rated')}</span></p>
${facts([
  ['Review state', esc(verdict.state)],
  ['Reviewer', esc(verdict.reviewer)],
  ['Approved by', verdict.approvedBy ? esc(verdict.approvedBy.name) : null],
  ['Approved at', verdict.approvedAt ? formatInstant(verdict.approvedAt) : null],
])}
<h3>Rationale</h3>${richText(verdict.rationale)}</section>`;

  const timeline = `<section class="chapter" id="timeline"><h2>Timeline</h2>${
    dossier.events.length === 0
      ? '<p class="muted">No events recorded.</p>'
      : `<table><thead><tr><th>Date</th><th>Event</th></tr></thead><tbody>${dossier.events
          .map((event) => {
            const details = [
              event.description === '' ? '' : `<p>${esc(event.description)}</p>`,
              event.actorIds.length === 0
                ? ''
                : `<p class="small muted">Actors: ${namesOf(event.actorIds, actorNames) ?? ''}</p>`,
              event.evidenceIds.length === 0
                ? ''
                : `<p class="small muted">Evidence: ${namesOf(event.evidenceIds, evidenceRefs) ?? ''}</p>`,
            ].join('');
            return `<tr><td class="date">${esc(formatPreciseDate(event.date))}</td><td><strong>${esc(event.title)}</strong>${details}</td></tr>`;
          })
          .join('')}</tbody></table>`
  }</section>`;

  const actors = `<section class="chapter" id="actors"><h2>Actors</h2>${
    dossier.actors.length === 0
      ? '<p class="muted">No actors recorded.</p>'
      : dossier.actors
          .map(
            (actor) =>
              `<div class="item"><h3>${esc(actor.name)}</h3>${facts([
                ['Kind', esc(actor.kind)],
                ['Platform', esc(actor.platform)],
                ['Platform id', esc(actor.platformId)],
                ['Address', actor.url === '' ? null : webAddress(actor.url)],
                ['Claims', namesOf(actor.claimIds, claimTexts)],
              ])}${actor.notes === '' ? '' : `<p>${esc(actor.notes)}</p>`}</div>`,
          )
          .join('')
  }</section>`;

  const evidence = `<section class="chapter" id="evidence"><h2>Evidence</h2>${
    dossier.evidence.length === 0
      ? '<p class="muted">No evidence recorded.</p>'
      : dossier.evidence
          .map((item) => {
            const number = numbers.get(item.id) ?? '';
            const derivedFrom =
              item.derivedFrom === null ? null : (evidenceRefs.get(item.derivedFrom) ?? item.derivedFrom);
            return `<article class="item" id="evidence-${number}"><h3>${esc(number)}. ${esc(item.title || `${item.kind} evidence`)}</h3>${facts(
              [
                ['Kind', esc(item.kind)],
                ['Grading', grading(item)],
                ['Source address', item.sourceUrl === '' ? null : webAddress(item.sourceUrl)],
                ['Final address', item.finalUrl === '' ? null : webAddress(item.finalUrl)],
                ['Captured', formatInstant(item.capturedAt)],
                ['Captured by', esc(item.capturedBy.name)],
                ['Capture tool', esc(item.captureTool)],
                ['Claims', namesOf(item.claimIds, claimTexts)],
                ['Actors', namesOf(item.actorIds, actorNames)],
                ['Events', namesOf(item.eventIds, eventTitles)],
                ['Derived from', derivedFrom === null ? null : esc(derivedFrom)],
                [
                  'Tags',
                  item.tags.length === 0
                    ? null
                    : `<span class="tags">${item.tags.map((tag) => `<span>${esc(tag)}</span>`).join('')}</span>`,
                ],
              ],
            )}${item.description === '' ? '' : `<p>${esc(item.description)}</p>`}${
              item.quote === '' ? '' : `<blockquote>${esc(item.quote)}</blockquote>`
            }${item.files.map((file) => fileBlock(file, files.get(file.sha256), options.draft === true)).join('')}</article>`;
          })
          .join('')
  }</section>`;

  const notes = `<section class="chapter" id="notes"><h2>Notes</h2>${richText(dossier.notes)}</section>`;

  const hashRows = dossier.evidence.flatMap((item) =>
    item.files.flatMap((file) => {
      const rows = [
        `<tr><td>${esc(numbers.get(item.id) ?? '')}</td><td>${esc(file.name || file.mime)}</td></tr><tr><td></td><td class="hash">${file.sha256}</td></tr>`,
      ];
      const derived = files.get(file.sha256)?.derived;
      if (derived) {
        rows.push(
          `<tr><td></td><td class="small muted">Shown copy, re-encoded without metadata</td></tr><tr><td></td><td class="hash">${derived.sha256}</td></tr>`,
        );
      }
      return rows;
    }),
  );
  const appendix = `<section class="chapter appendix" id="hashes"><h2>Appendix: every SHA-256</h2>
<p class="small">Each evidence file’s SHA-256 as taken at capture. Anyone can check a copy of a file with <span class="hash">sha256sum FILE</span> and compare the result with this list.</p>
${hashRows.length === 0 ? '<p class="muted">No evidence files.</p>' : `<table><thead><tr><th>Item</th><th>File and SHA-256</th></tr></thead><tbody>${hashRows.join('')}</tbody></table>`}</section>`;

  return `<!doctype html>
<html lang="${esc(meta.language || 'en')}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; font-src data:; style-src 'unsafe-inline'">
<meta name="generator" content="${esc(dossier.generator)}">
<title>${esc(title)} — Casefile dossier</title>
<style>${dossierCss(fontFaceCss(options.fonts))}${options.draft ? DRAFT_CSS : ''}</style>
</head>
<body>
${cover}
${tocHtml(toc, options.tocPages)}
${claims}
${verdictSection}
${timeline}
${actors}
${evidence}
${notes}
${appendix}
</body>
</html>
`;
}
