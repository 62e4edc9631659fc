import { brokenRule } from './boundary-rules';
import { importsOf } from './source-imports';
import { workspaceSourceFiles } from './workspace-files';

export interface BoundaryViolation {
  file: string;
  importPath: string;
  rule: string;
}

/** Every import in apps/ and libs/ that crosses a module boundary the wrong way. */
export function findBoundaryViolations(root: string): BoundaryViolation[] {
  return workspaceSourceFiles(root).flatMap((file) =>
    importsOf(root, file).flatMap((importPath) => {
      const rule = brokenRule(file, importPath);
      return rule ? [{ file, importPath, rule }] : [];
    }),
  );
}

export const describeViolations = (violations: { file: string; rule: string }[]) =>
  violations.map((violation) => `${violation.file}: ${violation.rule}`).join('\n');
