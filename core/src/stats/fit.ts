export interface Point {
  x: number;
  y: number;
}

export interface PolynomialFit {
  /** coefficients c0 + c1·x + c2·x² … */
  coefficients: number[];
  /** coefficient of determination, 0..1 (1 = perfect); 0 when y is constant */
  r2: number;
  n: number;
}

/** Least-squares polynomial fit of the given degree (1 = straight line). Fewer points lower the degree. */
export function polynomialFit(points: readonly Point[], degree: number): PolynomialFit {
  const n = points.length;
  if (n === 0) return { coefficients: [0], r2: 0, n };
  const d = Math.max(0, Math.min(degree, n - 1, distinctX(points) - 1));
  // normal equations on x scaled to [0, 1] for numerical stability
  const xMax = Math.max(...points.map((p) => Math.abs(p.x))) || 1;
  const size = d + 1;
  const a: number[][] = Array.from({ length: size }, () => new Array<number>(size + 1).fill(0));
  for (const p of points) {
    const x = p.x / xMax;
    const powers = [1];
    for (let k = 1; k <= 2 * d; k++) powers.push((powers[k - 1] ?? 0) * x);
    for (let i = 0; i < size; i++) {
      const row = a[i] as number[];
      for (let j = 0; j < size; j++) row[j] = (row[j] ?? 0) + (powers[i + j] ?? 0);
      row[size] = (row[size] ?? 0) + (powers[i] ?? 0) * p.y;
    }
  }
  const scaled = solve(a);
  const coefficients = scaled.map((c, k) => c / xMax ** k);
  return { coefficients, r2: rSquared(points, (x) => evaluate(coefficients, x)), n };
}

export function evaluate(coefficients: readonly number[], x: number): number {
  let y = 0;
  for (let k = coefficients.length - 1; k >= 0; k--) y = y * x + (coefficients[k] ?? 0);
  return y;
}

function distinctX(points: readonly Point[]): number {
  return new Set(points.map((p) => p.x)).size;
}

function rSquared(points: readonly Point[], f: (x: number) => number): number {
  const mean = points.reduce((s, p) => s + p.y, 0) / points.length;
  let ssTot = 0;
  let ssRes = 0;
  for (const p of points) {
    ssTot += (p.y - mean) ** 2;
    ssRes += (p.y - f(p.x)) ** 2;
  }
  return ssTot === 0 ? 0 : Math.max(0, 1 - ssRes / ssTot);
}

/** Gaussian elimination with partial pivoting on an augmented matrix; singular columns get 0. */
function solve(m: number[][]): number[] {
  const size = m.length;
  for (let col = 0; col < size; col++) {
    let pivot = col;
    for (let r = col + 1; r < size; r++) {
      if (Math.abs(m[r]?.[col] ?? 0) > Math.abs(m[pivot]?.[col] ?? 0)) pivot = r;
    }
    [m[col], m[pivot]] = [m[pivot] as number[], m[col] as number[]];
    const prow = m[col] as number[];
    const pv = prow[col] ?? 0;
    if (Math.abs(pv) < 1e-12) continue;
    for (let r = 0; r < size; r++) {
      if (r === col) continue;
      const row = m[r] as number[];
      const factor = (row[col] ?? 0) / pv;
      if (factor === 0) continue;
      for (let c = col; c <= size; c++) row[c] = (row[c] ?? 0) - factor * (prow[c] ?? 0);
    }
  }
  return m.map((row, i) => {
    const pv = row[i] ?? 0;
    return Math.abs(pv) < 1e-12 ? 0 : (row[size] ?? 0) / pv;
  });
}
