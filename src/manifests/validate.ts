// One part of a file (the text between `---` lines): its token objects and the workloads and Secrets
// that hold tokens, what kubectl would refuse before sending them, and the rules for each. Offsets are relative to the part, so results can be
// cached by the part's text and shifted.
import { isAlias, type Document, type Node, type Scalar } from 'yaml';
import { ObjectChecks, writtenOut } from './checks';
import { DocumentDecoder, maxDepth, stringOf } from './decode';
import { maxDocumentLength, parsePart, plainlyOtherKind, tokenKindLine, tokenKindOf, tokenObjects, type KindedObject, type ParsedPart } from './documents';
import { lineStart, replaceNode, replaceScalar } from './edits';
import { apiVersion } from './fields';
import type { Finding, Fix, ValidationOptions } from './findings';
import { controlCharacters, directives } from './kubectlText';
import { manifestOf, type TokenManifest } from './manifest';
import { checkObject } from './objectRules';
import { parserMessage } from './quote';
import { checkHolder } from './workloadRules';
import { holderObjects, holdsTokens, isHolderKind } from './workloads';
import * as l10n from '../text/l10n';

export interface DocumentAnalysis {
  findings: Finding[];
  /** The objects declared as authentication.k8s.io/v1 (in any letter case). */
  manifests: TokenManifest[];
}

/** yaml's errors cascade after the first; a person needs the first few. */
const maxSyntaxErrors = 20;

function syntaxErrors(document: Document.Parsed, text: string): Finding[] {
  return document.errors.slice(0, maxSyntaxErrors).map((error) => {
    // yaml places some errors on the newline after the culprit, or past the document: point at the culprit.
    const limit = Math.min(document.range[2], text.length);
    let start = Math.min(error.pos[0], limit - 1);
    const moved = start !== error.pos[0] || (text[start] === '\n' && start > 0);
    start = text[start] === '\n' && start > 0 ? start - 1 : start;
    const end = moved ? start + 1 : Math.min(Math.max(error.pos[1], start + 1), limit);
    return { code: 'yaml-syntax', severity: 'error', message: parserMessage(error.message), start, end, fixes: [] };
  });
}

/** A part that is not parsed: reported only when it says it holds a token object. */
function unparsed(text: string, parsed: Exclude<ParsedPart, { documents: unknown }>): Finding[] {
  const line = tokenKindLine(text);
  if (!line) {
    return [];
  }
  if ('tooLarge' in parsed) {
    const message = l10n.t('This document is larger than {0} MiB, the most the API server takes in one request: the validator does not read it and no lens sends it.', maxDocumentLength / 1024 / 1024);
    return [{ code: 'too-large', severity: 'warning', message, ...line, fixes: [] }];
  }
  const message = l10n.t('This document nests more than {0} levels deep: the validator stops there and does not send it (kubectl stops at 10,000, "exceeded max depth of 10000").', maxDepth);
  return [{ code: 'too-deep', severity: 'error', message, start: parsed.tooDeepAt, end: parsed.tooDeepAt + 1, fixes: [] }];
}

/** What kubectl refuses in a document before it could send anything: reported alone, not with guesses from it. */
function refusals(text: string, document: Document.Parsed, index: number, decoder: DocumentDecoder): Finding[] {
  const syntax = syntaxErrors(document, text);
  if (syntax.length > 0) {
    return syntax;
  }
  const control = controlCharacters(text, index === 0 ? 0 : document.range[0], document.range[2]);
  return [...(index === 0 ? directives(text, document.range[0]) : []), ...(control ? [control] : []), ...decoder.problems];
}

/** A document after `...` in the same piece: kubectl's YAML decoder reads only the first document between --- lines. */
function ignoredDocument(text: string, document: Document.Parsed, object: KindedObject): Finding {
  const at = lineStart(text, document.range[0]);
  // A byte order mark there would end up inside the first key: the marker takes its place.
  const edit = { start: at, end: text[at] === '\uFEFF' ? at + 1 : at, newText: '---\n' };
  const [start, end] = object.kindEntry.value!.at;
  const message = l10n.t('kubectl reads only the first document between --- lines, so it never sends this {0}: start it with a --- line.', object.kind);
  return { code: 'ignored-document', severity: 'warning', message, start, end, fixes: [{ title: l10n.t('Start the document with ---'), edits: [edit] }] };
}

/** The fix that quotes a scalar as written (`written` is the alias, if one names it). */
function quoteFix(text: string, document: Document.Parsed, written: Node, node: Scalar): Fix[] {
  const quotedText = JSON.stringify((node as Scalar.Parsed).source ?? '');
  const edits = isAlias(written) ? [replaceNode(written, quotedText)] : replaceScalar(text, node, quotedText, (source) => document.directives.tagName(source, () => undefined));
  return [{ title: writtenOut(l10n.t('Quote it as a string'), written), edits }];
}

/** Findings and manifests of one part of a file, offsets relative to that part. */
export function analyse(text: string, options: ValidationOptions): DocumentAnalysis {
  const parsed = parsePart(text);
  if (!('documents' in parsed)) {
    return { findings: unparsed(text, parsed), manifests: [] };
  }
  const findings: Finding[] = [];
  const manifests: TokenManifest[] = [];
  parsed.documents.forEach((document, index) => {
    if (plainlyOtherKind(document, (kind) => tokenKindOf(kind) !== undefined || isHolderKind(kind))) {
      return;
    }
    const decoder = new DocumentDecoder(document, (written, node) => quoteFix(text, document, written, node));
    const decoded = decoder.decode();
    const objects = tokenObjects(decoded);
    const holders = holderObjects(decoded).filter(holdsTokens);
    if (objects.length === 0 && holders.length === 0) {
      return;
    }
    const refused = refusals(text, document, index, decoder);
    findings.push(...refused);
    for (const object of objects) {
      const checks = new ObjectChecks(text, options, document, decoder, object);
      if (refused.length === 0) {
        checkObject(checks);
        if (index > 0 && !document.directives.docStart) {
          checks.findings.push(ignoredDocument(text, document, object));
        }
      }
      findings.push(...checks.findings);
      if (stringOf(object.apiVersionEntry?.value)?.toLowerCase() === apiVersion) {
        manifests.push(manifestOf(object, [...refused, ...checks.findings.filter((finding) => finding.severity === 'error')]));
      }
    }
    for (const holder of refused.length === 0 ? holders : []) {
      const checks = new ObjectChecks(text, options, document, decoder, holder);
      checkHolder(checks);
      if (index > 0 && !document.directives.docStart) {
        checks.findings.push(ignoredDocument(text, document, holder));
      }
      findings.push(...checks.findings);
    }
  });
  findings.sort((a, b) => a.start - b.start || a.end - b.end);
  return { findings, manifests };
}
