/**
 * Reads QR codes from the device camera: the browser's BarcodeDetector where it has one that reads QR, otherwise jsQR
 * (loaded only then) on frames drawn to a canvas. Calls `onText` with each code read until stopped.
 */

/** Why scanning cannot start; the page explains each. */
export type ScanProblem = 'insecure' | 'no_camera' | 'denied' | 'failed';

export class ScanError extends Error {
  constructor(
    readonly problem: ScanProblem,
    options?: { cause?: unknown },
  ) {
    super(problem, options);
  }
}

export interface Scanner {
  stop(): void;
}

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorInstance {
  detect(source: CanvasImageSource): Promise<DetectedBarcode[]>;
}
interface BarcodeDetectorClass {
  new (options: { formats: string[] }): BarcodeDetectorInstance;
  getSupportedFormats(): Promise<string[]>;
}

const INTERVAL_MS = 150;
/** Frames are scaled down to this width for jsQR: enough for a phone-screen QR at arm's length, and fast. */
const MAX_WIDTH = 720;

type Detect = (video: HTMLVideoElement) => Promise<string | undefined>;

async function nativeDetector(): Promise<Detect | undefined> {
  const BarcodeDetector = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (!BarcodeDetector) return undefined;
  try {
    if (!(await BarcodeDetector.getSupportedFormats()).includes('qr_code')) return undefined;
    const detector = new BarcodeDetector({ formats: ['qr_code'] });
    return async (video) => (await detector.detect(video))[0]?.rawValue;
  } catch {
    return undefined;
  }
}

async function jsqrDetector(): Promise<Detect> {
  const { default: jsQR } = await import('jsqr');
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new ScanError('failed');
  return async (video) => {
    const scale = Math.min(1, MAX_WIDTH / video.videoWidth);
    const width = Math.round(video.videoWidth * scale);
    const height = Math.round(video.videoHeight * scale);
    if (width === 0 || height === 0) return undefined;
    canvas.width = width;
    canvas.height = height;
    context.drawImage(video, 0, 0, width, height);
    const image = context.getImageData(0, 0, width, height);
    return jsQR(image.data, width, height, { inversionAttempts: 'attemptBoth' })?.data || undefined;
  };
}

export async function startScanner(video: HTMLVideoElement, onText: (text: string) => void): Promise<Scanner> {
  if (!window.isSecureContext) throw new ScanError('insecure');
  if (!navigator.mediaDevices?.getUserMedia) throw new ScanError('no_camera');
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      video: { facingMode: { ideal: 'environment' } },
      audio: false,
    });
  } catch (err) {
    const name = err instanceof DOMException ? err.name : '';
    if (name === 'NotAllowedError' || name === 'SecurityError') throw new ScanError('denied', { cause: err });
    if (name === 'NotFoundError' || name === 'OverconstrainedError') throw new ScanError('no_camera', { cause: err });
    throw new ScanError('failed', { cause: err });
  }
  let running = true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = () => {
    running = false;
    clearTimeout(timer);
    for (const track of stream.getTracks()) track.stop();
    video.srcObject = null;
  };
  try {
    video.muted = true;
    video.setAttribute('playsinline', '');
    video.srcObject = stream;
    await video.play();
    const detect = (await nativeDetector()) ?? (await jsqrDetector());
    const tick = async () => {
      if (!running) return;
      try {
        const text = video.readyState >= 2 ? await detect(video) : undefined;
        if (text && running) onText(text);
      } catch {
        // a frame that could not be read; try the next
      }
      if (running) timer = setTimeout(() => void tick(), INTERVAL_MS);
    };
    void tick();
  } catch (err) {
    stop();
    throw err instanceof ScanError ? err : new ScanError('failed', { cause: err });
  }
  return { stop };
}
