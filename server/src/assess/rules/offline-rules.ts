// The one list of offline rules (no index data needed), in the order their findings are shown.
// Adding an offline rule: write rules/<rule>.ts, add it here, add its README row and a test.
import type { OfflineRule } from '../rule';
import { fileHostRule } from './file-host';
import { importNameRule } from './import-name';
import { releaseAgeRule } from './release-age';
import { typosquatRule } from './typosquat';
import { undeclaredImportRule } from './undeclared-import';

export const OFFLINE_RULES: readonly OfflineRule[] = [typosquatRule, importNameRule, undeclaredImportRule, fileHostRule, releaseAgeRule];
