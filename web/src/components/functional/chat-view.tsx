'use client';

import { describeExpectation } from '@gong/core/domain/expectation';
import type { Sequence } from '@gong/core/domain/sequence';
import { useEffect, useRef } from 'react';
import type { LogEntry } from '@/lib/api/sessions';
import { fmtMs, fmtTime } from '@/lib/format';

const BAD = new Set(['invalid', 'unanswered', 'late', 'error', 'duplicate', 'unexpected']);

/** Sent messages on the right, replies on the left, with times, latency and mismatches highlighted. */
export function ChatView({ entries, sequence }: { entries: LogEntry[]; sequence?: Sequence | undefined }) {
  const end = useRef<HTMLDivElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll when a line arrives
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'nearest' });
  }, [entries.length]);
  if (entries.length === 0) {
    return (
      <div className="chat" aria-live="polite">
        <p className="muted" style={{ margin: 'auto' }}>
          Nothing yet. Send a message or run a sequence; replies show up here.
        </p>
      </div>
    );
  }
  return (
    <div className="chat" role="log" aria-live="polite" data-testid="chat">
      {entries.map((e) => {
        const step = sequence?.steps[e.stepIndex];
        const expectation = step ? describeExpectation(step.expect) : undefined;
        const bad = BAD.has(e.verdict);
        return (
          <div key={e.seq} className="stack" style={{ gap: 4 }}>
            {e.verdict !== 'unexpected' && (
              <div className="bubble sent" data-testid="msg-sent">
                <div className="text">{e.text}</div>
                <div className="meta">
                  sent {fmtTime(e.sentAt)} · {e.encoding}
                  {sequence ? ` · step ${e.stepIndex + 1}` : ''}
                </div>
              </div>
            )}
            {e.replyAt !== undefined ? (
              <div
                className={`bubble received${bad ? ' mismatch' : ''}`}
                data-testid="msg-received"
                data-verdict={e.verdict}
              >
                <div className="text">{e.replyText ?? ''}</div>
                <div className="meta">
                  received {fmtTime(e.replyAt)} · {fmtMs(e.latencyMs ?? e.replyAt - e.sentAt)} ·{' '}
                  <span className={bad ? 'bad' : 'ok'}>{e.verdict}</span>
                  {bad && expectation ? ` — expected ${expectation}` : ''}
                </div>
              </div>
            ) : (
              <div className={`bubble received ${bad ? 'mismatch' : 'pending'}`} data-verdict={e.verdict}>
                <div className="meta">
                  {e.verdict === 'unanswered'
                    ? `no reply${expectation ? ` — expected ${expectation}` : ''}`
                    : e.verdict === 'error'
                      ? `the gateway refused the message (status ${e.respStatus ?? '?'})`
                      : 'waiting for a reply…'}
                </div>
              </div>
            )}
          </div>
        );
      })}
      <div ref={end} />
    </div>
  );
}
