import * as core from '@fazhi/core';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { WebError } from './errors.js';
import type { RubricRef } from './pipeline.js';

export interface RubricInfo {
  /** What a client sends in the `rubric` field. Built-ins: their id; `--rubrics` files: `file:<name>`. */
  key: string;
  id: string;
  title: string;
  version: string;
  source: 'builtin' | 'dir';
  /** Set when the rubric does not load: `file:line:col CODE message`. Such a rubric cannot be picked. */
  error?: string;
}

type Loaded = { rubric: { id: string; title: string; version: string } };

function tryLoad(ref: string): { loaded?: Loaded; error?: string } {
  const load = (core as Record<string, unknown>).loadRubric;
  if (typeof load !== 'function') return { error: 'E_NOT_IMPLEMENTED 细则加载器尚未提供 / loadRubric is not available yet' };
  try {
    return { loaded: (load as (r: string) => Loaded)(ref) };
  } catch (e) {
    return { error: core.isFazhiError(e) ? e.format() : `E_RUBRIC ${(e as Error)?.message ?? e}` };
  }
}

/**
 * The rubrics a server offers: built-ins plus the YAML files directly in `--rubrics DIR`
 * (rescanned on every listing, so a committee can add one without restarting). Clients only ever
 * name a listed key: no path from a request reaches the file system.
 */
export class RubricCatalog {
  private cache = new Map<string, { mtimeMs: number; info: RubricInfo }>();
  constructor(private readonly dir?: string) {}

  private builtinIds(): string[] {
    const f = (core as Record<string, unknown>).builtinRubricIds;
    return typeof f === 'function' ? ((f as () => string[])() ?? []) : [];
  }

  private dirFiles(): string[] {
    if (!this.dir) return [];
    try {
      return readdirSync(this.dir)
        .filter((n) => /\.ya?ml$/i.test(n))
        .sort();
    } catch {
      return [];
    }
  }

  private info(key: string, ref: string, source: RubricInfo['source']): RubricInfo {
    let mtimeMs = 0;
    if (source === 'dir') {
      try {
        mtimeMs = statSync(ref).mtimeMs;
      } catch {
        /* vanished: load below reports it */
      }
    }
    const hit = this.cache.get(key);
    if (hit && hit.mtimeMs === mtimeMs) return hit.info;
    const { loaded, error } = tryLoad(ref);
    const info: RubricInfo = loaded
      ? { key, id: loaded.rubric.id, title: loaded.rubric.title, version: loaded.rubric.version, source }
      : { key, id: key.replace(/^file:/, ''), title: key.replace(/^file:/, ''), version: '', source, error };
    this.cache.set(key, { mtimeMs, info });
    return info;
  }

  list(): RubricInfo[] {
    const out = this.builtinIds().map((id) => this.info(id, id, 'builtin'));
    for (const f of this.dirFiles()) out.push(this.info(`file:${f}`, resolve(join(this.dir!, f)), 'dir'));
    return out;
  }

  /** The default: `township` when offered (townships are the main users), else the first loadable one. */
  defaultKey(list = this.list()): string | undefined {
    const ok = list.filter((r) => !r.error);
    return (ok.find((r) => r.key === 'township') ?? ok.find((r) => r.key === 'national') ?? ok[0])?.key;
  }

  /** Maps a client's key to what loadRubric gets. Unknown or broken keys are a 400 with the list of choices. */
  resolve(key: string | undefined): RubricRef {
    const list = this.list();
    const k = key?.trim() || this.defaultKey(list);
    const hit = list.find((r) => r.key === k);
    if (!k || !hit) {
      const offered = list.filter((r) => !r.error).map((r) => r.key);
      throw new WebError(
        'E_UNKNOWN_RUBRIC',
        offered.length
          ? `没有名为「${k ?? ''}」的评分细则。可选：${offered.join('、')}。`
          : '服务器上没有可用的评分细则（内置细则未加载，--rubrics 目录中也没有有效的 YAML）。请联系管理员。',
      );
    }
    if (hit.error) throw new WebError('E_RUBRIC_INVALID', `评分细则「${k}」有错误，暂不能使用：${hit.error}`);
    return { key: hit.key, ref: hit.source === 'builtin' ? hit.key : resolve(join(this.dir!, hit.key.slice(5))) };
  }
}
