export { helper } from './helper';
