/** QR code of a text as one SVG path (lazy: only the result step needs the encoder). */
import qrcode from 'qrcode-generator';

export interface QrPath {
  /** Modules per side, quiet zone included. */
  size: number;
  /** The dark modules as one path, one run of a row per subpath. */
  d: string;
  dark: (row: number, col: number) => boolean;
  count: number;
}

const QUIET = 4;

export function qrPath(text: string): QrPath {
  const q = qrcode(0, 'L');
  q.addData(text, 'Byte');
  q.make();
  const n = q.getModuleCount();
  let d = '';
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; ) {
      if (!q.isDark(r, c)) {
        c++;
        continue;
      }
      let e = c;
      while (e < n && q.isDark(r, e)) e++;
      d += `M${c + QUIET} ${r + QUIET}h${e - c}v1h${c - e}z`;
      c = e;
    }
  }
  return { size: n + 2 * QUIET, d, dark: (r, c) => q.isDark(r, c), count: n };
}
