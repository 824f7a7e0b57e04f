// Worker-thread entry for `fazhi batch --jobs N`. Filled in by the renderer issue.
export {};
