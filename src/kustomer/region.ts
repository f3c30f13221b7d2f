/**
 * Kustomer keys work only in the region (pod) that issued them; another region answers a 4xx
 * whose message reads like "Auth token associated with pod prod2 but request is being handled by
 * prod1" (https://developer.kustomer.com/docs/get-started/regions-and-base-urls).
 */
import type { KustomerRegion } from './config.js';

const POD_REGIONS: Record<string, KustomerRegion> = { prod1: 'us', prod2: 'eu', prod4: 'in' };
const POD_MESSAGE = /associated with pod\s+(prod\d+)/i;

export interface RegionMismatch {
  /** The pod that issued the key, e.g. prod2. */
  keyPod: string;
  /** Its region when known. */
  keyRegion: KustomerRegion | null;
}

export function regionMismatch(message: string): RegionMismatch | null {
  const pod = POD_MESSAGE.exec(message)?.[1]?.toLowerCase();
  if (!pod) return null;
  return { keyPod: pod, keyRegion: POD_REGIONS[pod] ?? null };
}

export function regionFix(mismatch: RegionMismatch): string {
  return mismatch.keyRegion
    ? `the key was issued by ${mismatch.keyPod}: set KUSTOMER_REGION=${mismatch.keyRegion} or KUSTOMER_SUBDOMAIN to your org's sub-domain`
    : `the key was issued by ${mismatch.keyPod}: set KUSTOMER_SUBDOMAIN to your org's sub-domain (the org host routes to the right region)`;
}
