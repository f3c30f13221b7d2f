/**
 * Imported first by the page: zod compiles object parsers with `new Function` unless told not
 * to, and even its probe for that shows up as a CSP violation under the app's policy (no
 * 'unsafe-eval'). The interpreted parser is fast enough for these payloads. A side effect:
 * package.json's `sideEffects` lists this file so no bundler drops the import.
 */
import { z } from 'zod';

z.config({ jitless: true });
