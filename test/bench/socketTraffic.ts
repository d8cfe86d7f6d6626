import type { CDPSession, Page } from '@playwright/test';

interface FrameEvent {
  response: { opcode: number; payloadData: string };
}

/** Payload bytes of a WebSocket frame as DevTools reports it: base64 for binary frames, text otherwise. */
function payloadBytes({ response }: FrameEvent): number {
  if (response.opcode !== 2) return Buffer.byteLength(response.payloadData, 'utf8');
  return Buffer.from(response.payloadData, 'base64').length;
}

/** Counts the WebSocket payload bytes a page sends and receives, through the DevTools protocol. */
export class SocketTraffic {
  sent = 0;
  received = 0;

  private constructor(private readonly session: CDPSession) {
    session.on('Network.webSocketFrameSent', (event) => {
      this.sent += payloadBytes(event as FrameEvent);
    });
    session.on('Network.webSocketFrameReceived', (event) => {
      this.received += payloadBytes(event as FrameEvent);
    });
  }

  static async watch(page: Page): Promise<SocketTraffic> {
    const session = await page.context().newCDPSession(page);
    await session.send('Network.enable');
    return new SocketTraffic(session);
  }

  reset(): void {
    this.sent = 0;
    this.received = 0;
  }

  async stop(): Promise<void> {
    await this.session.detach();
  }
}
