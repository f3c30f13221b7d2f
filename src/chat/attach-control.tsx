/**
 * The attach control of the live conversation: picks one file, checks it against the limits the
 * server applies (stated beside the control, so nobody picks a file only to have it refused), and
 * hands it on in base64, as POST /api/escalations/:id/messages takes it.
 */
import { useId, useState, type ChangeEvent } from 'react';
import {
  ATTACHMENT_ACCEPT,
  ATTACHMENT_LIMIT_TEXT,
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_TYPES,
} from '../shared/attachment-limits.js';
import type { ChatAttachmentInput } from '../shared/live-chat.js';

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  // In slices: one String.fromCharCode call with millions of arguments overflows the stack.
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Why the file cannot be sent, in words; null when it can. */
export function fileProblem(file: { type: string; size: number }): string | null {
  if (!(ATTACHMENT_TYPES as readonly string[]).includes(file.type))
    return 'That type of file cannot be sent. Images, PDF or text only.';
  if (file.size > ATTACHMENT_MAX_BYTES) return 'That file is larger than 3 MB.';
  return null;
}

interface AttachControlProps {
  file: ChatAttachmentInput | null;
  onChange: (file: ChatAttachmentInput | null) => void;
}

export function AttachControl({ file, onChange }: AttachControlProps) {
  const id = useId();
  const [problem, setProblem] = useState<string | null>(null);
  const pick = async (event: ChangeEvent<HTMLInputElement>) => {
    const picked = event.target.files?.[0];
    event.target.value = '';
    if (!picked) return;
    const why = fileProblem(picked);
    setProblem(why);
    if (why) return onChange(null);
    const bytes = new Uint8Array(await picked.arrayBuffer());
    onChange({
      name: picked.name,
      contentType: picked.type as ChatAttachmentInput['contentType'],
      data: toBase64(bytes),
    });
  };
  return (
    <div className="attach">
      <label htmlFor={`${id}-file`} className="attach-label">
        Attach a file
      </label>
      <input
        id={`${id}-file`}
        type="file"
        accept={ATTACHMENT_ACCEPT}
        aria-describedby={`${id}-limits`}
        onChange={(e) => void pick(e)}
      />
      <small id={`${id}-limits`} className="note">
        {ATTACHMENT_LIMIT_TEXT}
      </small>
      {file && (
        <span className="attached">
          Attached: {file.name}{' '}
          <button type="button" className="link" onClick={() => onChange(null)}>
            Remove
          </button>
        </span>
      )}
      {problem && (
        <span role="alert" className="error">
          {problem}
        </span>
      )}
    </div>
  );
}
