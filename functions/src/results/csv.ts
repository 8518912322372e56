/** One CSV cell: formulas neutralised (spreadsheet injection), quoted when needed. */
export function csvCell(value: string | number | boolean | undefined | null): string {
  if (value === undefined || value === null) return '';
  const text =
    typeof value === 'number' && !Number.isInteger(value)
      ? String(Math.round(value * 1000) / 1000)
      : String(value);
  const safe = typeof value === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv<T>(
  columns: readonly { name: string; get: (row: T) => string | number | undefined }[],
  rows: Iterable<T>,
): string {
  const lines = [columns.map((c) => c.name).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvCell(c.get(row))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
