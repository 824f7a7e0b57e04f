// Browser tests need a Chromium. They skip (with a message) only when none is found AND `CI` is
// unset; in CI a missing browser is a failure, because .ci/run installs it.
import { findChromium } from '../src/pdf.js';

export const chromiumPath = findChromium();
export const skipBrowser = !chromiumPath && !process.env.CI;
if (skipBrowser) {
  console.warn('[renderer] 跳过浏览器测试：未找到 Chromium（apt-get install chromium 或设置 FAZHI_CHROMIUM）; CI 未设置');
}
