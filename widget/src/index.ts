/**
 * The ES module entry: `<script type="module" src="https://PAKTA-API/widget.js"></script>`.
 * Finds the API from its own URL and defines `<pakta-queue>` (once, even if loaded twice).
 */
import { apiBaseFromScript } from './api';
import { setDefaultBase } from './base';
import { PaktaQueue } from './pakta-queue/pakta-queue';

setDefaultBase(apiBaseFromScript(import.meta.url));
if (!customElements.get('pakta-queue')) customElements.define('pakta-queue', PaktaQueue);

export type * from './events';
export type * from './types';
export { PaktaQueue };
