// `@toolgrant/core/internal`: what the other Toolgrant packages share and an application does
// not need. No semver promise: it changes with those packages.

export { describeValue } from './describe-value.js';
