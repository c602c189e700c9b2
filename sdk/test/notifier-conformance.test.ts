import { expect } from 'chai';
import type { DeliveryResult, NotificationMessage, Notifier } from '@encoder-manager/sdk';
import {
  notifierConformanceCases,
  type NotifierConformanceOptions,
  type NotifierFault,
  type NotifierReceiver,
  type ReceivedNotification,
} from '@encoder-manager/sdk/testing';

/** An in-memory "provider" with the faults the suite injects. */
class MemoryProvider implements NotifierReceiver {
  readonly address = 'memory:ops';
  readonly got: ReceivedNotification[] = [];
  fault: NotifierFault | 'none' | 'down' = 'none';

  received = () => this.got;
  inject = (fault: NotifierFault) => void (this.fault = fault);
  clearFaults = () => void (this.fault = 'none');
  close = async () => void (this.fault = 'down');

  async accept(message: NotificationMessage, signal: AbortSignal): Promise<DeliveryResult> {
    if (this.fault === 'down') return { status: 'retry', reason: 'connection refused' };
    if (this.fault === 'transient') return { status: 'retry', reason: '451 later' };
    if (this.fault === 'permanent') return { status: 'permanent', reason: '550 no such user' };
    if (this.fault === 'slow') {
      await new Promise((_, reject) =>
        signal.addEventListener('abort', () => reject(signal.reason), { once: true }),
      );
    }
    this.got.push({ content: `${message.subject}\n${message.text}\n${message.id}`, dedupKey: message.id });
    return { status: 'delivered' };
  }
}

type Flaw = 'none' | 'throws' | 'misclassifies' | 'ignores-abort' | 'duplicates' | 'drops-id';

/** A notifier over the provider, correct unless given a flaw. */
function notifierWith(provider: MemoryProvider, flaw: Flaw): Notifier {
  const delivered = new Set<string>();
  return {
    channel: 'memory',
    async send(message, _to, signal) {
      if (signal.aborted && flaw !== 'ignores-abort') return { status: 'retry', reason: 'aborted' };
      if (delivered.has(message.id) && flaw !== 'duplicates') return { status: 'delivered' };
      const sent = flaw === 'drops-id' ? { ...message, id: 'x' } : message;
      const result = await provider
        .accept(sent, flaw === 'ignores-abort' ? new AbortController().signal : signal)
        .catch(() => ({
          status: 'retry' as const,
          reason: 'aborted',
        }));
      if (flaw === 'throws' && result.status !== 'delivered') throw new Error(result.reason);
      if (flaw === 'misclassifies' && result.status === 'retry')
        return { status: 'permanent', reason: result.reason };
      if (result.status === 'delivered') delivered.add(message.id);
      return result;
    },
  };
}

function optionsFor(flaw: Flaw): NotifierConformanceOptions<MemoryProvider> {
  return {
    channel: 'memory',
    idempotency: 'notifier',
    abortWithinMs: 300,
    startReceiver: async () => new MemoryProvider(),
    createNotifier: async (provider) => ({
      notifier: notifierWith(provider, flaw),
      stop: async () => undefined,
    }),
  };
}

/** Names of the cases that fail for a notifier with `flaw`; the slow ones give up after 1 s. */
async function failingCases(flaw: Flaw): Promise<string[]> {
  const failed: string[] = [];
  for (const testCase of notifierConformanceCases(optionsFor(flaw))) {
    const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), 1000));
    await Promise.race([testCase.run(), timeout]).catch(() => failed.push(testCase.name));
  }
  return failed;
}

describe('notifier conformance suite (against in-memory notifiers)', () => {
  it('passes a correct notifier', async () => {
    expect(await failingCases('none')).to.deep.equal([]);
  });

  it('catches a notifier that throws for provider errors', async () => {
    expect(await failingCases('throws')).to.include.members([
      'classifies a transient provider failure as retry',
      'never throws for provider errors',
    ]);
  });

  it('catches a transient failure reported as permanent', async () => {
    expect(await failingCases('misclassifies')).to.include(
      'classifies a transient provider failure as retry',
    );
  });

  it('catches a notifier that ignores its abort signal', async () => {
    expect(await failingCases('ignores-abort')).to.include.members([
      'returns retry at once for an already aborted signal',
      'honours an abort while the provider hangs',
    ]);
  });

  it('catches duplicates and messages without their notification id', async () => {
    expect(await failingCases('duplicates')).to.deep.equal(['sends one message id once (idempotency)']);
    expect(await failingCases('drops-id')).to.include('delivers a message the receiver shows with its id');
  });
});
