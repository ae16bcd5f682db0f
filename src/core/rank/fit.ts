import type { LinearModel } from "./linear-model.ts";

/**
 * Fitting the linear models by Newton's method with an L2 penalty: both losses are convex, so a few
 * exact steps reach the optimum, and the result depends only on the data (no random start, no
 * learning-rate schedule). A dozen lines of our own are clearer here than a library that fits neither
 * the listwise ranking loss nor deterministic full-batch training.
 */

/** Candidates of one question: a feature row per candidate and whether it holds the answer. */
export interface RankingGroup {
  rows: number[][];
  labels: boolean[];
}

/** Mean and standard deviation of every column (a constant column gets scale 1). */
export function standardisation(
  rows: readonly number[][],
  width: number,
): { mean: number[]; scale: number[] } {
  const mean = new Array<number>(width).fill(0);
  const scale = new Array<number>(width).fill(0);
  for (const row of rows) for (let j = 0; j < width; j++) mean[j] = (mean[j] as number) + (row[j] as number);
  for (let j = 0; j < width; j++) mean[j] = (mean[j] as number) / Math.max(1, rows.length);
  for (const row of rows)
    for (let j = 0; j < width; j++)
      scale[j] = (scale[j] as number) + ((row[j] as number) - (mean[j] as number)) ** 2;
  for (let j = 0; j < width; j++) {
    const sd = Math.sqrt((scale[j] as number) / Math.max(1, rows.length));
    scale[j] = sd > 1e-9 ? sd : 1;
  }
  return { mean, scale };
}

function standardise(row: readonly number[], mean: readonly number[], scale: readonly number[]): number[] {
  return row.map((x, j) => (x - (mean[j] as number)) / (scale[j] as number));
}

/** Solves `A x = b` for a symmetric positive definite `A` (Cholesky). */
function solveSpd(a: number[][], b: number[]): number[] {
  const n = b.length;
  const l = a.map(() => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = (a[i] as number[])[j] as number;
      for (let k = 0; k < j; k++)
        sum -= ((l[i] as number[])[k] as number) * ((l[j] as number[])[k] as number);
      if (i === j) (l[i] as number[])[i] = Math.sqrt(Math.max(sum, 1e-12));
      else (l[i] as number[])[j] = sum / ((l[j] as number[])[j] as number);
    }
  }
  const y = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let sum = b[i] as number;
    for (let k = 0; k < i; k++) sum -= ((l[i] as number[])[k] as number) * (y[k] as number);
    y[i] = sum / ((l[i] as number[])[i] as number);
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let sum = y[i] as number;
    for (let k = i + 1; k < n; k++) sum -= ((l[k] as number[])[i] as number) * (x[k] as number);
    x[i] = sum / ((l[i] as number[])[i] as number);
  }
  return x;
}

/** A convex objective: its value, gradient and Hessian at `w`. */
type Objective = (w: readonly number[]) => { loss: number; gradient: number[]; hessian: number[][] };

/** Newton's method with step halving; stops when a step changes no weight by more than 1e-7. */
function minimise(objective: Objective, width: number, lossOnly: (w: readonly number[]) => number): number[] {
  let w = new Array<number>(width).fill(0);
  for (let iteration = 0; iteration < 50; iteration++) {
    const { loss, gradient, hessian } = objective(w);
    const step = solveSpd(hessian, gradient);
    let factor = 1;
    let next = w.map((x, j) => x - (step[j] as number));
    while (lossOnly(next) > loss + 1e-12 && factor > 1e-4) {
      factor /= 2;
      next = w.map((x, j) => x - factor * (step[j] as number));
    }
    const change = Math.max(...next.map((x, j) => Math.abs(x - (w[j] as number))));
    w = next;
    if (change < 1e-7) break;
  }
  return w;
}

function zeros(n: number): number[][] {
  return Array.from({ length: n }, () => new Array<number>(n).fill(0));
}

/**
 * A listwise ranker (conditional logit): per question, a softmax over its candidates, trained so the
 * candidates holding the answer share the probability. Groups without a positive are skipped.
 */
export function fitRanker(
  groups: readonly RankingGroup[],
  features: readonly string[],
  l2: number,
): LinearModel {
  const width = features.length;
  const usable = groups.filter((group) => group.labels.some(Boolean) && group.rows.length > 1);
  const { mean, scale } = standardisation(
    usable.flatMap((group) => group.rows),
    width,
  );
  const data = usable.map((group) => ({
    rows: group.rows.map((row) => standardise(row, mean, scale)),
    targets: (() => {
      const positives = group.labels.filter(Boolean).length;
      return group.labels.map((label) => (label ? 1 / positives : 0));
    })(),
  }));
  const probabilities = (rows: number[][], w: readonly number[]) => {
    const scores = rows.map((row) => row.reduce((sum, x, j) => sum + x * (w[j] as number), 0));
    const top = Math.max(...scores);
    const exps = scores.map((s) => Math.exp(s - top));
    const total = exps.reduce((a, b) => a + b, 0);
    return { p: exps.map((e) => e / total), logTotal: top + Math.log(total), scores };
  };
  const lossOnly = (w: readonly number[]) => {
    let loss = (l2 / 2) * w.reduce((sum, x) => sum + x * x, 0);
    for (const { rows, targets } of data) {
      const { logTotal, scores } = probabilities(rows, w);
      targets.forEach((t, i) => {
        if (t > 0) loss -= t * ((scores[i] as number) - logTotal);
      });
    }
    return loss;
  };
  const objective: Objective = (w) => {
    const gradient = w.map((x) => l2 * x);
    const hessian = zeros(width);
    for (let j = 0; j < width; j++) (hessian[j] as number[])[j] = l2;
    for (const { rows, targets } of data) {
      const { p } = probabilities(rows, w);
      const expected = new Array<number>(width).fill(0);
      rows.forEach((row, i) => {
        const pi = p[i] as number;
        const residual = pi - (targets[i] as number);
        for (let j = 0; j < width; j++) {
          gradient[j] = (gradient[j] as number) + residual * (row[j] as number);
          expected[j] = (expected[j] as number) + pi * (row[j] as number);
          const h = hessian[j] as number[];
          const pij = pi * (row[j] as number);
          for (let k = 0; k <= j; k++) h[k] = (h[k] as number) + pij * (row[k] as number);
        }
      });
      for (let j = 0; j < width; j++) {
        const h = hessian[j] as number[];
        for (let k = 0; k <= j; k++)
          h[k] = (h[k] as number) - (expected[j] as number) * (expected[k] as number);
      }
    }
    for (let j = 0; j < width; j++)
      for (let k = 0; k < j; k++) (hessian[k] as number[])[j] = (hessian[j] as number[])[k] as number;
    return { loss: lossOnly(w), gradient, hessian };
  };
  const weights = minimise(objective, width, lossOnly);
  return { features: [...features], mean, scale, weights, bias: 0 };
}

/** A logistic regression with an unpenalised bias; `weights` (default 1 each) weigh the examples. */
export function fitLogistic(
  rows: readonly number[][],
  labels: readonly boolean[],
  features: readonly string[],
  l2: number,
  weights: readonly number[] = rows.map(() => 1),
): LinearModel {
  const width = features.length;
  const { mean, scale } = standardisation(rows, width);
  // The last column is the bias.
  const data = rows.map((row) => [...standardise(row, mean, scale), 1]);
  const size = width + 1;
  const penalty = (j: number) => (j < width ? l2 : 0);
  const lossOnly = (w: readonly number[]) => {
    let loss = 0;
    for (let j = 0; j < width; j++) loss += (l2 / 2) * (w[j] as number) ** 2;
    data.forEach((x, i) => {
      const z = x.reduce((sum, v, j) => sum + v * (w[j] as number), 0);
      // log(1 + e^z) − y z, computed stably.
      loss +=
        (weights[i] as number) * (Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - (labels[i] ? z : 0));
    });
    return loss;
  };
  const objective: Objective = (w) => {
    const gradient = w.map((x, j) => penalty(j) * x);
    const hessian = zeros(size);
    for (let j = 0; j < size; j++) (hessian[j] as number[])[j] = penalty(j) + 1e-9;
    data.forEach((x, i) => {
      const z = x.reduce((sum, v, j) => sum + v * (w[j] as number), 0);
      const p = 1 / (1 + Math.exp(-z));
      const residual = (weights[i] as number) * (p - (labels[i] ? 1 : 0));
      const curvature = (weights[i] as number) * p * (1 - p);
      for (let j = 0; j < size; j++) {
        gradient[j] = (gradient[j] as number) + residual * (x[j] as number);
        const h = hessian[j] as number[];
        for (let k = 0; k <= j; k++)
          h[k] = (h[k] as number) + curvature * (x[j] as number) * (x[k] as number);
      }
    });
    for (let j = 0; j < size; j++)
      for (let k = 0; k < j; k++) (hessian[k] as number[])[j] = (hessian[j] as number[])[k] as number;
    return { loss: lossOnly(w), gradient, hessian };
  };
  const w = minimise(objective, size, lossOnly);
  return { features: [...features], mean, scale, weights: w.slice(0, width), bias: w[width] as number };
}

/** A binary example whose features are named (sparse, each present feature worth 1). */
export interface SparseExample {
  features: readonly string[];
  label: boolean;
  /** Relative weight of the example (default 1). */
  weight?: number;
}

/** A logistic model over named features; features never seen in training weigh nothing. */
export interface SparseLogisticModel {
  weights: Record<string, number>;
  bias: number;
}

/**
 * Fits a sparse logistic regression by AdaGrad over the examples in their given order, with an L2
 * penalty; features seen fewer than `minCount` times are dropped. Deterministic: no shuffling, no
 * random start. Thousands of lexical features rule out the dense Newton fit above.
 */
export function fitSparseLogistic(
  examples: readonly SparseExample[],
  { epochs = 4, l2 = 1e-5, learningRate = 0.1, minCount = 2 } = {},
): SparseLogisticModel {
  const counts = new Map<string, number>();
  for (const example of examples)
    for (const name of example.features) counts.set(name, (counts.get(name) ?? 0) + 1);
  const weights = new Map<string, number>();
  const squaredGradients = new Map<string, number>();
  let bias = 0;
  let biasSquared = 1e-8;
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (const example of examples) {
      const present = example.features.filter((name) => (counts.get(name) ?? 0) >= minCount);
      let z = bias;
      for (const name of present) z += weights.get(name) ?? 0;
      const error = (1 / (1 + Math.exp(-z)) - (example.label ? 1 : 0)) * (example.weight ?? 1);
      for (const name of present) {
        const w = weights.get(name) ?? 0;
        const gradient = error + l2 * w;
        const g2 = (squaredGradients.get(name) ?? 1e-8) + gradient * gradient;
        squaredGradients.set(name, g2);
        weights.set(name, w - (learningRate * gradient) / Math.sqrt(g2));
      }
      biasSquared += error * error;
      bias -= (learningRate * error) / Math.sqrt(biasSquared);
    }
  }
  const rounded: Record<string, number> = {};
  for (const [name, w] of [...weights].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    if (Math.abs(w) >= 1e-4) rounded[name] = Number(w.toPrecision(5));
  return { weights: rounded, bias: Number(bias.toPrecision(6)) };
}

/** The probability a sparse logistic model gives to an example's features. */
export function sparseProbability(model: SparseLogisticModel, features: readonly string[]): number {
  let z = model.bias;
  for (const name of features) z += model.weights[name] ?? 0;
  return 1 / (1 + Math.exp(-z));
}
