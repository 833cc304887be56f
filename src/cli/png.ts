/**
 * PNG from an SVG in Node, without a browser: resvg (a Rust SVG renderer, @resvg/resvg-js) with the
 * DejaVu fonts shipped by the dejavu-fonts-ttf package and no system fonts, so the same SVG gives the
 * same pixels on every machine. Node only (a native module): the CLI wrapper and tests load it, the
 * app never does.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';

const require = createRequire(import.meta.url);

/** The TrueType files the drawing's families fall back to (sans-serif and monospace, regular and bold). */
export function bundledFonts(): string[] {
  const dir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  return ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSansMono.ttf', 'DejaVuSansMono-Bold.ttf'].map((f) =>
    join(dir, f),
  );
}

/** Render `svg` to PNG bytes, `width` pixels wide (the SVG's own width when absent). */
export function svgToPng(svg: string, width?: number): Uint8Array {
  const r = new Resvg(svg, {
    fitTo: width === undefined ? { mode: 'original' } : { mode: 'width', value: width },
    font: {
      fontFiles: bundledFonts(),
      loadSystemFonts: false,
      defaultFontFamily: 'DejaVu Sans',
      sansSerifFamily: 'DejaVu Sans',
      monospaceFamily: 'DejaVu Sans Mono',
    },
  });
  return new Uint8Array(r.render().asPng());
}
