/**
 * zod 4 probes once whether `new Function` works, to compile parsers; the app's CSP refuses eval,
 * which the probe would report as a violation. Parse without it. Imported before anything else.
 */
import { z } from 'zod';

z.config({ jitless: true });
