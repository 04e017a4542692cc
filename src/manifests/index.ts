// Validation, completion and hover for TokenRequest and TokenReview manifests, the projected tokens of
// workloads and legacy token Secrets, free of the VS Code API: everything takes the document's text and
// answers with character offsets into it.
export type { Finding, Fix, Severity, TextEdit, ValidationOptions } from './findings';
export type { TokenManifest } from './manifest';
export { IncrementalValidator, tokenManifests, validateManifests, type FileAnalysis } from './incremental';
export { DocumentAnalyses } from './documentAnalyses';
export { nextTokenExpiry } from './tokenReview';
export { completionsAt, type Completion } from './completion';
export { hoverAt } from './hover';
