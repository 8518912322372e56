export function Progress({ value, label, bad = false }: { value: number; label: string; bad?: boolean }) {
  const v = Math.max(0, Math.min(100, Math.round(value)));
  return (
    <div
      className={`progress${bad ? ' bad' : ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={v}
    >
      <div style={{ width: `${v}%` }} />
    </div>
  );
}
