// Validation, completion and hover for TokenRequest and TokenReview manifests, the projected tokens of
// workloads and legacy token Secrets, free of the VS Code API: everything takes the document's text and
// answers with character offsets into it. The editor features import only this file: the build makes it
// a bundle of its own (dist/manifests.js), required on first use (esbuild.mjs, lazyModules).
export type { Finding, Fix, Severity, TextEdit, ValidationOptions } from './findings';
export type { TokenManifest } from './manifest';
export { IncrementalValidator, tokenManifests, validateManifests, type FileAnalysis } from './incremental';
export { DocumentAnalyses } from './documentAnalyses';
export { nextTokenExpiry } from './tokenReview';
export { completionsAt, nameCompletions, nameCompletionSlotAt, type Completion } from './completion';
export { hoverAt, type ManifestHover } from './hover';
export { lensText, type ClusterProblem } from './lens';
export { refusalFindings } from './refusal';
export { schemaContributor, schemaContributorName } from './yamlExtensionSchema';
// This bundle holds its own copy of src/text/l10n: the stand-in that loads it hands it the bundle VS Code loaded.
export { configureLocalisation } from '../text/l10n';
