/**
 * "Switch the integration off?": what customers will get instead, said before it happens. A
 * modal alert dialog: focus starts on the safe choice, Tab stays inside, Escape keeps it on,
 * and focus returns to the switch (the caller's job, on either answer).
 */
import { useEffect, useRef, type KeyboardEvent } from 'react';

export function ConfirmSwitchOff({
  whenDisabled,
  onConfirm,
  onCancel,
}: {
  whenDisabled: 'refuse' | 'queue';
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const keepRef = useRef<HTMLButtonElement>(null);
  const offRef = useRef<HTMLButtonElement>(null);
  useEffect(() => keepRef.current?.focus(), []);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    } else if (event.key === 'Tab') {
      // Two buttons: Tab and Shift+Tab go from one to the other.
      event.preventDefault();
      (document.activeElement === keepRef.current ? offRef : keepRef).current?.focus();
    }
  };
  return (
    <div className="dialog-backdrop">
      <div
        className="dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="switch-off-title"
        aria-describedby="switch-off-text"
        onKeyDown={onKeyDown}
      >
        <h2 id="switch-off-title">Switch the Kustomer integration off?</h2>
        <p id="switch-off-text">
          {whenDisabled === 'queue'
            ? 'Customers who ask for a person will leave their email; their requests wait in the outbox and are delivered when you switch it back on.'
            : 'Customers who ask for a person will be told it is switched off, and the bot keeps helping them. Nothing reaches Kustomer until you switch it back on.'}{' '}
          You can change this in Settings (“When the integration is off”).
        </p>
        <div className="actions">
          <button type="button" ref={keepRef} onClick={onCancel}>
            Keep it on
          </button>
          <button type="button" ref={offRef} className="danger" onClick={onConfirm}>
            Switch off
          </button>
        </div>
      </div>
    </div>
  );
}
