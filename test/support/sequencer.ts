/**
 * The order test files start in: longest first across the whole run. Vitest's own order goes
 * project by project (every node file, then every ui file), which on a 2-core machine put all
 * the CPU-bound jsdom files together at the end of the run, slowing each past its timeout when the
 * machine was busy. Here the ui files start among the node files, which mostly wait on sockets and
 * child processes. Failed files first, then the last run's durations (node_modules/.vite); files
 * without one (a fresh clone) first, the largest first, as Vitest does.
 */
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

export class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const { cache, config } = this.ctx;
    const rank = (spec: TestSpecification) => {
      const key = `${spec.project.name}:${relative(config.root, spec.moduleId)}`;
      const last = cache.getFileTestResults(key);
      return {
        group: spec.project.config.sequence.groupOrder,
        failed: last?.failed ? 0 : 1,
        known: last ? 1 : 0,
        weight: last?.duration ?? cache.getFileStats(key)?.size ?? 0,
      };
    };
    const ranked = files.map((spec) => ({ spec, ...rank(spec) }));
    ranked.sort(
      (a, b) =>
        a.group - b.group || a.failed - b.failed || a.known - b.known || b.weight - a.weight,
    );
    return ranked.map(({ spec }) => spec);
  }
}
