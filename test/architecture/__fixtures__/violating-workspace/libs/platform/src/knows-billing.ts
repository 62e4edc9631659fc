import { helper } from '@app/billing';

export { helper };
