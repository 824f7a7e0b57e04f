export interface Rng {
  next(): number;
  int(lo: number, hi: number): number;
  pick<T>(arr: readonly T[]): T;
  chance(p: number): boolean;
  shuffle<T>(arr: readonly T[]): T[];
}
export function rng(seed: number): Rng;
export interface SyntheticReport {
  name: string;
  text: string;
  truth: { place: string; year: number; disputes: number; resolved: number; rate: number; villages: number };
}
export function makeReport(seed: number, index: number, opts?: { targetBytes?: number }): SyntheticReport;
export function reports(seed: number, count: number, opts?: { targetBytes?: number }): Generator<SyntheticReport>;
