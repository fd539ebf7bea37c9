/**
 * The classic (non-module) entry for old sites: `<script src="https://PAKTA-API/widget.classic.js"></script>`.
 * Everything is inlined; the API is found from `document.currentScript`, read while the script first runs.
 */
import { apiBaseFromScript } from './api';
import { setDefaultBase } from './base';
import { PaktaQueue } from './pakta-queue/pakta-queue';

const script = document.currentScript as HTMLScriptElement | null;
if (script?.src) setDefaultBase(apiBaseFromScript(script.src));
if (!customElements.get('pakta-queue')) customElements.define('pakta-queue', PaktaQueue);
