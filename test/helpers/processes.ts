import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Proc {
  child: ChildProcess;
  pid: number;
  /** stdout and stderr so far, as a person at the terminal sees them. */
  output(): string;
  /** Resolves with the output once it matches, rejects if the process exits first. */
  waitFor(pattern: RegExp, what?: string): Promise<string>;
  /** The exit code once the process has ended and its output is all read (null after a signal). */
  exited: Promise<number | null>;
}

/**
 * Runs one of our entry points as a separate process, the way `npm start` / `npm run simulate`
 * do. Plain `node --import tsx` (not the tsx wrapper) so the PID is the process that holds the
 * data folder and a SIGKILL really kills it.
 */
export function runScript(script: string, args: string[], env: Record<string, string | undefined>): Proc {
  // undefined removes a variable the test runner happens to have (MEND_PUBLIC_URL, PORT...).
  const merged: Record<string, string | undefined> = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env };
  for (const [k, v] of Object.entries(merged)) if (v === undefined) delete merged[k];
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: ROOT,
    env: merged as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const waiters = new Set<() => void>();
  const onData = (d: Buffer) => {
    out += d.toString();
    for (const w of waiters) w();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  let done = false;
  const exited = new Promise<number | null>((resolve) =>
    child.once('close', (code) => {
      done = true;
      resolve(code);
      for (const w of [...waiters]) w();
    }),
  );
  return {
    child,
    pid: child.pid!,
    output: () => out,
    exited,
    waitFor: (pattern, what = String(pattern)) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (pattern.test(out)) return waiters.delete(check), resolve(out);
          if (done) waiters.delete(check), reject(new Error(`exited before ${what}:\n${out}`));
        };
        waiters.add(check);
        check();
      }),
  };
}

/** The URL after a label in `npm start`'s banner ("Subscribe page & API   http://localhost:1234"). */
export const bannerUrl = (out: string, label: string) => {
  const m = new RegExp(`${label.replace(/[&()]/g, '\\$&')}\\s+(http://\\S+)`).exec(out);
  if (!m) throw new Error(`no "${label}" in:\n${out}`);
  return m[1]!.replace('//localhost', '//127.0.0.1');
};
