export type * from './tool-definition.js';
export { ToolgrantError } from './toolgrant-error.js';
