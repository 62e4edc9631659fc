import { eventually } from '@app/testing';

/** `eventually` for a yes/no condition: polls until it holds; fails after the timeout. */
export const eventuallyTrue = (condition: () => Promise<boolean>, timeoutMs = 5000): Promise<void> =>
  eventually(async () => {
    if (!(await condition())) throw new Error(`condition not met within ${timeoutMs} ms`);
  }, timeoutMs);
