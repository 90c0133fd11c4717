/**
 * A one-line progress bar for long scans: bytes read of the total, records per second and the
 * time left. It redraws in place with '\r' at most every `intervalMs`, so it costs nothing
 * measurable per record.
 */

export interface ProgressState {
  bytes: number;
  totalBytes: number;
  records: number;
  elapsedMs: number;
}

export interface ProgressBar {
  /** Records that `bytes` have been read and `records` processed so far. Redraws when due. */
  update(bytes: number, records: number): void;
  /** Draws the final state and ends the line. Safe to call twice. */
  finish(): void;
}

export interface ProgressOptions {
  totalBytes: number;
  /** Where to draw; stderr in the CLI. */
  write: (chunk: string) => void;
  /** Terminal width; the line never exceeds it. */
  columns?: number;
  intervalMs?: number;
  now?: () => number;
}

function formatBytes(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)} GB`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} MB`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} kB`;
  return `${n} B`;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--:--';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** The progress line for a state, at most `columns - 1` characters wide (no wrap on redraw). */
export function renderProgress(state: ProgressState, columns = 80): string {
  const { bytes, totalBytes, records, elapsedMs } = state;
  if (totalBytes <= 0) {
    // Reading stdin: the size is unknown, so no bar and no ETA.
    const seconds = elapsedMs / 1000;
    const rate = seconds > 0 ? records / seconds : 0;
    const line = `${records.toLocaleString('en-US')} records  ${Math.round(rate).toLocaleString('en-US')} rec/s`;
    return line.slice(0, Math.max(0, columns - 1));
  }
  const fraction = Math.min(1, bytes / totalBytes);
  const seconds = elapsedMs / 1000;
  const rate = seconds > 0 ? records / seconds : 0;
  const byteRate = seconds > 0 ? bytes / seconds : 0;
  const eta = byteRate > 0 ? (totalBytes - bytes) / byteRate : Number.NaN;
  const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
  const tail =
    ` ${percent}  ${formatBytes(bytes)} / ${formatBytes(totalBytes)}` +
    `  ${Math.round(rate).toLocaleString('en-US')} rec/s  ETA ${formatDuration(eta)}`;
  const barWidth = Math.max(0, Math.min(30, columns - 1 - tail.length - 2));
  if (barWidth < 5) return tail.trimStart().slice(0, Math.max(0, columns - 1));
  const filled = Math.round(fraction * barWidth);
  return `[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}]${tail}`;
}

export function createProgressBar(options: ProgressOptions): ProgressBar {
  const now = options.now ?? (() => performance.now());
  const interval = options.intervalMs ?? 200;
  const started = now();
  let lastDraw = Number.NEGATIVE_INFINITY;
  let bytes = 0;
  let records = 0;
  let finished = false;

  const draw = (): void => {
    const line = renderProgress(
      { bytes, totalBytes: options.totalBytes, records, elapsedMs: now() - started },
      options.columns ?? 80,
    );
    // '\x1b[K' clears what a longer previous line left behind.
    options.write(`\r${line}\x1b[K`);
  };

  return {
    update(b, r) {
      bytes = b;
      records = r;
      const t = now();
      if (t - lastDraw >= interval) {
        lastDraw = t;
        draw();
      }
    },
    finish() {
      if (finished) return;
      finished = true;
      draw();
      options.write('\n');
    },
  };
}
