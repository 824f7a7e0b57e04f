// `fazhi serve`: starts the self-check web app (@fazhi/web). The web package depends on this one
// (it renders through the renderer), so it is loaded at run time rather than declared as a
// dependency: a declared one would make the workspace graph cyclic.
import { FazhiError } from '@fazhi/core';
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface ServeOpts {
  port?: string;
  host?: string;
  rubrics?: string;
  maxFileMb?: string;
  maxFiles?: string;
  timeout?: string;
  workers?: string;
}

interface WebModule {
  startServer(o: Record<string, unknown>): Promise<{ url: string; close(): Promise<void> }>;
}

async function loadWeb(): Promise<WebModule> {
  // Beside this CLI in the workspace: apps/renderer/dist/*.js → apps/web/dist/index.js.
  for (const rel of ['../../web/dist/index.js', '../../../web/dist/index.js']) {
    const url = new URL(rel, import.meta.url);
    if (existsSync(fileURLToPath(url))) return (await import(url.href)) as WebModule;
  }
  const spec = '@fazhi/web'; // an installed package, when the CLI is used outside the workspace
  try {
    return (await import(spec)) as WebModule;
  } catch {
    throw new FazhiError(
      'E_WEB_NOT_BUILT',
      '网页程序尚未构建。请在项目根目录运行：pnpm exec turbo run build --filter=@fazhi/web... 然后重试。/ The web app is not built.',
    );
  }
}

function int(v: string | undefined, name: string, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new FazhiError('E_USAGE', `参数 --${name} 应为 ${min}–${max} 之间的整数，收到「${v}」。`);
  return n;
}

export default async function run(_arg: unknown, opts: ServeOpts): Promise<number> {
  const port = int(opts.port ?? '8080', 'port', 0, 65535)!;
  const host = opts.host ?? '127.0.0.1';
  if (opts.rubrics && !(existsSync(opts.rubrics) && statSync(opts.rubrics).isDirectory()))
    throw new FazhiError('E_USAGE', `--rubrics 应为一个目录（其中放细则 YAML 文件），找不到：${opts.rubrics}`, { file: opts.rubrics });
  const maxFileMb = int(opts.maxFileMb, 'max-file-mb', 1, 500);
  const web = await loadWeb();
  let server: { url: string; close(): Promise<void> };
  try {
    server = await web.startServer({
      port,
      host,
      rubricsDir: opts.rubrics,
      maxFileBytes: maxFileMb ? maxFileMb * 1024 * 1024 : undefined,
      maxFiles: int(opts.maxFiles, 'max-files', 1, 10000),
      timeoutMs: opts.timeout ? int(opts.timeout, 'timeout', 1, 3600)! * 1000 : undefined,
      workers: int(opts.workers, 'workers', 0, 256),
    });
  } catch (e) {
    const code = (e as { code?: string })?.code;
    if (code === 'EADDRINUSE') throw new FazhiError('E_PORT_IN_USE', `端口 ${port} 已被占用。请用 --port 换一个端口（例如 --port 8081）。`);
    if (code === 'EACCES') throw new FazhiError('E_PORT_DENIED', `没有权限监听端口 ${port}。请用 1024 以上的端口。`);
    if (code === 'EADDRNOTAVAIL') throw new FazhiError('E_USAGE', `本机没有地址 ${host}。请检查 --host。`);
    throw e;
  }
  process.stdout.write(`法治政府建设年度报告自查 已启动：${server.url}\n`);
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1')
    process.stdout.write(`注意：正在监听 ${host}，局域网内其他电脑也能访问。\n`);
  process.stdout.write('按 Ctrl+C 停止。\n');
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void server.close().finally(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return 0;
}
