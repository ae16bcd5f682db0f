/**
 * A linear model as stored in a model file: feature names in order, the standardisation learned from
 * the training data, and the weights. Scores are `bias + Σ weight · (x − mean) / scale`.
 */
export interface LinearModel {
  features: string[];
  mean: number[];
  scale: number[];
  weights: number[];
  bias: number;
}

export function linearScore(model: LinearModel, x: readonly number[]): number {
  let score = model.bias;
  for (let i = 0; i < model.weights.length; i++) {
    score +=
      ((model.weights[i] as number) * ((x[i] as number) - (model.mean[i] as number))) /
      (model.scale[i] as number);
  }
  return score;
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** Softmax of scores (stable for large values). */
export function softmax(scores: readonly number[]): number[] {
  const top = Math.max(...scores);
  const exps = scores.map((s) => Math.exp(s - top));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / total);
}
