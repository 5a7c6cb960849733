/**
 * The caption of exported and printed maps (title, period, category, geography, layers, tier, synthetic marker),
 * the PNG export of the map view with that caption drawn above it, and a file download. No React.
 */
import { formatPeriod, LOCALES } from '../i18n/format.ts';
import { translate, type Language } from '../i18n/index.ts';
import type { AppState } from '../store/types.ts';
import { exportFileName } from './viewTable.ts';

/** The caption of the current view, one line each; `synthetic` says whether to add the synthetic-data marker. */
export interface MapCaption {
  readonly title: string;
  readonly lines: readonly string[];
  readonly synthetic: string | null;
}

/** What a caption is made of: the released counts shown, the layers on and the language. */
export type CaptionSource = Pick<AppState, 'releasedCounts' | 'mapLayers' | 'language'>;

/** The caption of the current view in the chosen language, or `null` while no released counts are shown. */
export function mapCaption(state: CaptionSource): MapCaption | null {
  const shown = state.releasedCounts.shown;
  if (!shown) return null;
  const t = translate(state.language);
  const { period, category, geography } = shown.request;
  const info = shown.collection.release;
  return {
    title: `${t('app.title')} · ${t('app.tagline')}`,
    lines: [
      t('export.filters', {
        period: formatPeriod(period, state.language),
        category: t(`category.${category}`),
        geography: t(`geography.${geography}`),
      }),
      t('export.layers', { layers: state.mapLayers.map((layer) => t(`layers.${layer}`)).join(', ') }),
      t('export.tier', { tier: t(`role.${info.tier}`), threshold: info.threshold }),
    ],
    synthetic: info.synthetic ? `${t('synthetic.badge')}: ${t('synthetic.explanation')}` : null,
  };
}

/** A moment written as date and time in Asia/Jakarta (WIB) for the language, e.g. `28 November 2026 20.15`. */
export function formatJakartaDateTime(moment: Date, language: Language): string {
  return new Intl.DateTimeFormat(LOCALES[language], {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Asia/Jakarta',
  }).format(moment);
}

/** Caption font size in CSS pixels; lines are 1.4 times as high. */
const CAPTION_FONT_PX = 15;
const CAPTION_PADDING_PX = 12;
const SYNTHETIC_COLOUR = '#9a3412';

/**
 * A new canvas holding the map image under its caption (white band, dark text, the synthetic marker in orange), with
 * the map's attribution (data licences) written in its bottom right corner.
 */
export function captionedMapImage(
  map: HTMLCanvasElement,
  caption: MapCaption,
  attribution: string,
): HTMLCanvasElement {
  const scale = Math.max(1, globalThis.devicePixelRatio || 1);
  const font = CAPTION_FONT_PX * scale;
  const lineHeight = font * 1.4;
  const padding = CAPTION_PADDING_PX * scale;
  const texts: Array<{ text: string; bold: boolean; colour: string }> = [
    { text: caption.title, bold: true, colour: '#111827' },
    ...caption.lines.map((text) => ({ text, bold: false, colour: '#1f2937' })),
    ...(caption.synthetic ? [{ text: caption.synthetic, bold: true, colour: SYNTHETIC_COLOUR }] : []),
  ];
  const band = Math.ceil(padding * 2 + lineHeight * texts.length);
  const out = document.createElement('canvas');
  out.width = map.width;
  out.height = map.height + band;
  const context = out.getContext('2d');
  if (!context) throw new Error('No 2D canvas context for the map image');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, out.width, band);
  context.textBaseline = 'top';
  texts.forEach(({ text, bold, colour }, index) => {
    context.font = `${bold ? '700 ' : ''}${font}px system-ui, sans-serif`;
    context.fillStyle = colour;
    context.fillText(text, padding, padding + index * lineHeight, out.width - 2 * padding);
  });
  context.drawImage(map, 0, band);
  if (attribution) {
    const small = Math.round(font * 0.75);
    context.font = `${small}px system-ui, sans-serif`;
    const width = Math.min(context.measureText(attribution).width, out.width - 2 * padding);
    context.fillStyle = 'rgba(255, 255, 255, 0.85)';
    context.fillRect(out.width - width - padding, out.height - small * 1.6, width + padding, small * 1.6);
    context.fillStyle = '#1f2937';
    context.fillText(attribution, out.width - width - padding / 2, out.height - small * 1.3, width);
  }
  return out;
}

/** Offers a blob to the person as a file download named `fileName`. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser time to start the download before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Offers a CSV text as a UTF-8 download. */
export function downloadCsv(csv: string, fileName: string): void {
  downloadBlob(new Blob([csv], { type: 'text/csv;charset=utf-8' }), fileName);
}

/** A canvas as a PNG blob. */
export function canvasPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('The canvas could not be encoded'))),
      'image/png',
    ),
  );
}

/** Offers the map image, captioned with the current view, as `titik-rawan_<period>_<category>_<geography>.png`. */
export async function downloadMapImage(
  image: HTMLCanvasElement,
  attribution: string,
  state: AppState,
): Promise<void> {
  const caption = mapCaption(state);
  const shown = state.releasedCounts.shown;
  const png = await canvasPng(caption ? captionedMapImage(image, caption, attribution) : image);
  downloadBlob(png, shown ? exportFileName({ release: shown }, 'png') : 'titik-rawan.png');
}
