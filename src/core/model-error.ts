/** Thrown when a committed model file is missing, damaged, or was trained for other features. */
export class ModelError extends Error {}
