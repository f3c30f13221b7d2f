/**
 * The escalation button as a host app uses it: its code loads on first render, in a chunk of
 * its own (the host's bundler splits it off at this dynamic import), inside the scope the
 * module's stylesheet styles (`.kustomer-escalation`), so none of it reaches the host's elements.
 */
import { lazy, Suspense, type ReactNode } from 'react';
import type { EscalationButtonProps } from './escalation-button.js';

const LazyButton = /* @__PURE__ */ lazy(() => import('./escalation-button.js'));

export interface EscalationButtonLoaderProps extends EscalationButtonProps {
  /** Shown while the button's chunk loads. @default nothing */
  fallback?: ReactNode;
}

export function EscalationButton({ fallback = null, ...props }: EscalationButtonLoaderProps) {
  return (
    <div className="kustomer-escalation">
      <Suspense fallback={fallback}>
        <LazyButton {...props} />
      </Suspense>
    </div>
  );
}

/** Starts loading the button's chunk before it is shown (on hover of a chat launcher, say). */
export const preloadEscalationButton = (): Promise<unknown> => import('./escalation-button.js');
