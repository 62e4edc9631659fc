import { ModuleCallError } from '../errors/module-call.error';

/** The answer of `work`, or DEADLINE_EXCEEDED once `waitMs` have passed (the work is not stopped). */
export function withinDeadline<T>(work: Promise<T>, waitMs: number, pattern: string, onExpired?: () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      onExpired?.();
      reject(ModuleCallError.deadlineExceeded(pattern, waitMs));
    }, waitMs);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: Error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
