// Validation, completion and hover for TokenRequest and TokenReview manifests, free of the VS Code API:
// everything takes the document's text and answers with character offsets into it.
export type { Finding, Fix, Severity, TextEdit, ValidationOptions } from './findings';
export type { TokenManifest } from './validate';
export { IncrementalValidator, tokenManifests, validateManifests } from './incremental';
export { completionsAt, type Completion } from './completion';
export { hoverAt } from './hover';
