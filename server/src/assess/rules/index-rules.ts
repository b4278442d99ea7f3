// Every index-backed rule, in the order their findings read best: existence and malware first,
// then status and supply-chain signals, then version-level problems, then context.
// Adding a rule: its module, this list, the README table, a test (docs/architecture.md).
import type { IndexRule } from '../rule';
import { dependencyConfusionRule } from './dependency-confusion';
import { hashMismatchRule } from './hash-mismatch';
import { knownMaliciousRule } from './known-malicious';
import { knownVulnerableRule } from './known-vulnerable';
import { lookupIncompleteRule } from './lookup-incomplete';
import { notOnIndexRule } from './not-on-index';
import { projectStatusRule } from './project-status';
import { releaseAgeIndexRule } from './release-age';
import { releaseMissingRule } from './release-missing';
import { provenanceDroppedRule, provenanceMissingRule, publisherMismatchRule } from './provenance';
import { yankedRule } from './yanked';
import { youngProjectRule } from './young-project';

export const INDEX_RULES: IndexRule[] = [
  knownMaliciousRule,
  notOnIndexRule,
  projectStatusRule,
  releaseMissingRule,
  dependencyConfusionRule,
  hashMismatchRule,
  provenanceDroppedRule,
  publisherMismatchRule,
  yankedRule,
  knownVulnerableRule,
  releaseAgeIndexRule,
  youngProjectRule,
  provenanceMissingRule,
  lookupIncompleteRule,
];

export { escalateTyposquat } from './young-project';
export { escalateReleaseAge } from './release-age';
