import { FazhiError } from '@fazhi/core';

// Placeholder until its issue lands: fails loudly rather than pretending to work.
export default function run(): number {
  throw new FazhiError('E_NOT_IMPLEMENTED', '命令 batch 尚未实现 / not implemented yet');
}
