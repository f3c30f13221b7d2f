/**
 * Reads a text/event-stream response the way EventSource does: events split on a blank line,
 * `id`, `event` and `data` fields; for tests that open the stream with fetch.
 */
export interface SseEvent {
  id: string | null;
  event: string;
  data: unknown;
}

export function sseReader(response: Response) {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const parse = (block: string): SseEvent | null => {
    let id: string | null = null;
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      const [field, ...rest] = line.split(':');
      const value = rest.join(':').replace(/^ /, '');
      if (field === 'id') id = value;
      else if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    return data.length ? { id, event, data: JSON.parse(data.join('\n')) as unknown } : null;
  };
  return {
    /** The next event with data, or null when the stream ended. */
    async next(): Promise<SseEvent | null> {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const parsed = parse(block);
          if (parsed) return parsed;
          continue;
        }
        const { done, value } = await reader.read();
        if (done) return null;
        buffer += value;
      }
    },
    async until(type: string): Promise<SseEvent[]> {
      const seen: SseEvent[] = [];
      for (let e = await this.next(); e; e = await this.next()) {
        seen.push(e);
        if (e.event === type) return seen;
      }
      throw new Error(`stream ended before a ${type} event; saw ${seen.map((s) => s.event)}`);
    },
    /** The events that arrive within ms (the stream stays open). */
    async collectFor(ms: number): Promise<SseEvent[]> {
      const seen: SseEvent[] = [];
      const deadline = new Promise<null>((resolve) => setTimeout(() => resolve(null), ms));
      for (;;) {
        const next = await Promise.race([this.next(), deadline]);
        if (!next) return seen;
        seen.push(next);
      }
    },
    cancel: () => reader.cancel(),
  };
}
