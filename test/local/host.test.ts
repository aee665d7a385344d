import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { testStack, type TestStack } from '../helpers/stack.js';

/** Issue 14: the local server is for this machine unless told otherwise (`HOST`). */
const opened: TestStack[] = [];
afterAll(async () => {
  for (const s of opened) await s.close();
});

/** Whether a TCP connection to host:port is accepted. */
const reachable = (host: string, port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host, port });
    socket.setTimeout(2000);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });

/** This machine's own address on its network, if it has one (the interface a neighbour would reach). */
const lanAddress = () =>
  Object.values(networkInterfaces())
    .flat()
    .find((i) => i && !i.internal && i.family === 'IPv4')?.address;

const portOf = (s: TestStack) => Number(new URL(s.urls.app).port);

describe('the local server', () => {
  it('listens on 127.0.0.1 by default: this machine reaches it, the network does not', async () => {
    vi.stubEnv('HOST', '');
    const s = await testStack({ port: 0 });
    opened.push(s);
    vi.unstubAllEnvs();
    expect(await reachable('127.0.0.1', portOf(s))).toBe(true);
    expect((await fetch(`${s.urls.app}/health`)).status).toBe(200); // the printed URL works
    const lan = lanAddress();
    if (lan) expect(await reachable(lan, portOf(s))).toBe(false);
  });

  it('listens where HOST says', async () => {
    vi.stubEnv('HOST', '0.0.0.0');
    const s = await testStack({ port: 0 });
    opened.push(s);
    vi.unstubAllEnvs();
    expect(await reachable('127.0.0.1', portOf(s))).toBe(true);
    const lan = lanAddress();
    if (lan) expect(await reachable(lan, portOf(s))).toBe(true);
  });

  it('says plainly when HOST is not an address of this machine', async () => {
    await expect(testStack({ port: 0, host: '203.0.113.250' })).rejects.toThrow(/HOST 203\.0\.113\.250 is not an address of this machine/);
  });
});
