export interface BenchRun {
  backend: string;
  metrics: Record<string, number | string>;
}
