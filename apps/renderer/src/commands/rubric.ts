import { FazhiError } from '@fazhi/core';

const todo = (): never => {
  throw new FazhiError('E_NOT_IMPLEMENTED', '尚未实现 / not implemented yet');
};
export const docs = todo;
export const schema = todo;
export const types = todo;
export const init = todo;
