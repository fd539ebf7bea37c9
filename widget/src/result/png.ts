/** The pact certificate as a PNG (lazy: loaded when the citizen asks for the image). */
import { qrPath } from './qr';

/** Everything printed, already in the citizen's language. */
export interface Card {
  title: string;
  tenant: string;
  holder: string;
  body: string;
  ticketLabel: string;
  ticket: string;
  lines: string[];
  qrText: string;
  hint: string;
  footer: string;
  color: string;
  font: string;
}

const W = 1080;
const PAD = 72;

function wrap(ctx: CanvasRenderingContext2D, text: string, max: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (line && ctx.measureText(next).width > max) {
      out.push(line);
      line = word;
    } else line = next;
  }
  if (line) out.push(line);
  return out;
}

export function drawCard(c: Card): HTMLCanvasElement {
  const qr = qrPath(c.qrText);
  const cell = Math.floor(560 / qr.size);
  const qrSide = cell * qr.size;
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d')!;
  const font = (size: number, weight = 400) => `${weight} ${size}px ${c.font}`;
  // lay out first (the height depends on wrapping), then draw
  const rows: [string, number, number, string, number][] = [];
  let y = PAD;
  const push = (s: string, size: number, weight = 400, color = '#1b1b1b', gap = 1.3) => {
    ctx.font = font(size, weight);
    for (const l of wrap(ctx, s, W - 2 * PAD)) rows.push([l, size, weight, color, (y += size * gap)]);
  };
  push(c.title, 56, 700, c.color);
  push(c.tenant, 32, 400, '#50565c');
  y += 24;
  push(c.holder, 48, 700);
  push(c.body, 32);
  y += 24;
  push(c.ticketLabel, 32, 400, '#50565c');
  push(c.ticket, 120, 800, c.color, 1.05);
  y += 8;
  for (const l of c.lines) push(l, 34);
  y += 32;
  const qrY = y;
  y += qrSide + 16;
  push(c.hint, 28, 400, '#50565c');
  push(c.footer, 26, 400, '#50565c');
  canvas.width = W;
  canvas.height = Math.ceil(y + PAD);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, W, canvas.height);
  ctx.strokeStyle = c.color;
  ctx.lineWidth = 12;
  ctx.strokeRect(18, 18, W - 36, canvas.height - 36);
  ctx.textBaseline = 'alphabetic';
  ctx.textAlign = 'center';
  for (const [l, size, weight, color, at] of rows) {
    ctx.font = font(size, weight);
    ctx.fillStyle = color;
    ctx.fillText(l, W / 2, at);
  }
  ctx.fillStyle = '#000';
  const x0 = (W - qrSide) / 2;
  for (let r = 0; r < qr.count; r++)
    for (let col = 0; col < qr.count; col++)
      if (qr.dark(r, col)) ctx.fillRect(x0 + (col + 4) * cell, qrY + (r + 4) * cell, cell, cell);
  return canvas;
}

export function certificatePng(c: Card): Promise<Blob> {
  const canvas = drawCard(c);
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob'))), 'image/png'),
  );
}
