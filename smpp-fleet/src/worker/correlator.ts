import { Exchange, type StrayReply } from './exchange';
import { TimerWheel } from './timer-wheel';

interface NumberBook {
  /** sent, no verdict yet, in send order (oldest first) */
  pending: Exchange[];
  /**
   * Copies of the exchanges settled most recently: candidates for late and duplicate replies. A ring
   * of reused objects (see Exchange.copyFrom); `newest` is the index of the latest.
   */
  recent: Exchange[];
  newest: number;
}

export interface CorrelatorOptions {
  /** settled exchanges remembered per number for late/duplicate detection */
  recentPerNumber?: number;
  /** a reply this long after an exchange's deadline is no longer "late" but unexpected */
  lateWindowMs?: number;
}

/**
 * Pairs replies with what was sent, per number of one operator. A reply settles the oldest pending
 * exchange whose expectation it satisfies (gateways answer out of order: Kannel newest-first under
 * backlog); failing that it is a late answer to a timed-out exchange or a duplicate of an answered
 * one; failing that it makes the oldest pending exchange `invalid`; with nothing pending it is
 * `unexpected`. Timeouts give `unanswered` (or `valid` when the step expected no reply).
 */
export class Correlator {
  private readonly books = new Map<string, NumberBook>();
  private readonly timeouts = new TimerWheel<Exchange>();
  private readonly recentPerNumber: number;
  private readonly lateWindowMs: number;
  private pendingCount = 0;

  constructor(
    readonly operatorId: string,
    private readonly onStray: (stray: StrayReply) => void,
    options: CorrelatorOptions = {},
  ) {
    this.recentPerNumber = options.recentPerNumber ?? 4;
    this.lateWindowMs = options.lateWindowMs ?? 120_000;
  }

  get pending(): number {
    return this.pendingCount;
  }

  /** The exchange has just been written to the wire. */
  sent(exchange: Exchange, at: number): void {
    exchange.sentAt = at;
    exchange.deadline = at + exchange.timeoutMs;
    this.book(exchange.msisdn).pending.push(exchange);
    this.pendingCount++;
    this.timeouts.add(exchange.deadline, exchange);
  }

  /** The response PDU (deliver_sm_resp / submit_sm_resp) came back; non-zero status settles as `error`. */
  response(exchange: Exchange, status: number, at: number): void {
    if (exchange.respAt === undefined) {
      exchange.respAt = at;
      exchange.respStatus = status;
    }
    if (status !== 0 && !exchange.done) this.settle(exchange, 'error');
  }

  /** The send failed before reaching the peer (no bind, connection lost): settles as `error`. */
  failed(exchange: Exchange): void {
    if (!exchange.done) this.settle(exchange, 'error');
  }

  /** A reply (MT in operator mode, MO in ESME mode) to `msisdn` arrived. */
  reply(msisdn: string, text: string, at: number): void {
    const book = this.books.get(msisdn);
    if (book !== undefined) {
      for (const ex of book.pending) {
        if (ex.matcher(text)) {
          this.answer(ex, text, at, 'valid');
          return;
        }
      }
      const n = book.recent.length;
      for (let k = 0; k < n; k++) {
        const ex = book.recent[(book.newest - k + n) % n] as Exchange;
        if (ex.replyAt === undefined && ex.verdict === 'unanswered' && ex.strays === 0) {
          if (at <= ex.deadline + this.lateWindowMs && ex.matcher(text)) {
            ex.strays++;
            this.onStray({ verdict: 'late', exchange: ex, operatorId: this.operatorId, msisdn, text, at });
            return;
          }
        } else if (ex.replyText === text || (ex.replyAt === undefined && ex.strays > 0 && ex.matcher(text))) {
          ex.strays++;
          this.onStray({ verdict: 'duplicate', exchange: ex, operatorId: this.operatorId, msisdn, text, at });
          return;
        }
      }
      const oldest = book.pending[0];
      if (oldest !== undefined) {
        this.answer(oldest, text, at, 'invalid');
        return;
      }
    }
    this.onStray({
      verdict: 'unexpected',
      exchange: undefined,
      operatorId: this.operatorId,
      msisdn,
      text,
      at,
    });
  }

  /**
   * A reply that names its exchange (a delivery receipt carrying the message id, ESME mode): valid
   * when `ok` or the expectation matches, else invalid; after the verdict it is late or a duplicate.
   */
  replyTo(ex: Exchange, text: string, at: number, ok: boolean): void {
    if (!ex.done) {
      this.answer(ex, text, at, ok || ex.matcher(text) ? 'valid' : 'invalid');
      return;
    }
    // the correlator's copy, when it still has one, counts the strays of both kinds of reply
    const mem = this.memoryOf(ex) ?? ex;
    const verdict =
      mem.replyAt === undefined && mem.strays === 0 && mem.verdict === 'unanswered' ? 'late' : 'duplicate';
    mem.strays++;
    this.onStray({ verdict, exchange: mem, operatorId: this.operatorId, msisdn: ex.msisdn, text, at });
  }

  /** Settles every exchange whose deadline has passed. */
  sweep(now: number): void {
    if (this.timeouts.size === 0) return;
    this.timeouts.due(now, (ex) => {
      if (!ex.done) this.timeOut(ex);
    });
  }

  nextDeadline(): number | undefined {
    return this.timeouts.nextAt();
  }

  /** Settles everything still pending as unanswered (nothing more is waited for). */
  abandonAll(): void {
    this.abandon(() => true);
  }

  /**
   * Settles the pending exchanges `which` selects as unanswered now (a run aborted: nothing more is
   * waited for). A reply that still comes for one of them is reported late.
   */
  abandon(which: (ex: Exchange) => boolean): number {
    let n = 0;
    for (const book of this.books.values()) {
      for (const ex of [...book.pending]) {
        if (!which(ex)) continue;
        this.timeOut(ex);
        n++;
      }
    }
    return n;
  }

  /** Forgets numbers with nothing pending (between runs). */
  compact(): void {
    for (const [msisdn, book] of this.books) if (book.pending.length === 0) this.books.delete(msisdn);
  }

  private answer(ex: Exchange, text: string, at: number, verdict: 'valid' | 'invalid'): void {
    ex.replyText = text;
    ex.replyAt = at;
    this.settle(ex, verdict);
  }

  /** No reply in time: unanswered, or valid when the step expected none. */
  private timeOut(ex: Exchange): void {
    this.settle(ex, ex.expect.kind === 'none' ? 'valid' : 'unanswered');
  }

  private settle(ex: Exchange, verdict: Exchange['verdict'] & string): void {
    ex.verdict = verdict;
    // answered before its deadline: out of the timeout wheel now, or it would live until the deadline
    if (ex.deadline > 0) this.timeouts.remove(ex.deadline, ex);
    const book = this.books.get(ex.msisdn);
    if (book !== undefined) {
      const i = book.pending.indexOf(ex);
      if (i >= 0) {
        book.pending.splice(i, 1);
        this.pendingCount--;
      }
      this.remember(book, ex);
    }
    ex.listener(ex);
  }

  private memoryOf(ex: Exchange): Exchange | undefined {
    const recent = this.books.get(ex.msisdn)?.recent;
    return recent?.find((m) => m.is(ex));
  }

  private remember(book: NumberBook, ex: Exchange): void {
    if (this.recentPerNumber === 0) return;
    if (book.recent.length < this.recentPerNumber) {
      book.recent.push(Exchange.blank().copyFrom(ex));
      book.newest = book.recent.length - 1;
    } else {
      book.newest = (book.newest + 1) % book.recent.length;
      (book.recent[book.newest] as Exchange).copyFrom(ex);
    }
  }

  private book(msisdn: string): NumberBook {
    let book = this.books.get(msisdn);
    if (book === undefined) {
      book = { pending: [], recent: [], newest: -1 };
      this.books.set(msisdn, book);
    }
    return book;
  }
}
